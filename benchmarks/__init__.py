"""Measurements of Palabre's speed and memory. Run with ``make bench``; never timed in tests."""
