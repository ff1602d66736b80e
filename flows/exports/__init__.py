"""Exports of a dialogue's figures (issue #6): sheets, their rows, and cells made safe.

Pure: the edge (``services.exports``) reads the database, calls the domain's own computations
(trends, round results) and hands their results here; the writers only copy cells to a file.
"""

from flows.exports.cells import cell, neutralise
from flows.exports.readme import assemble
from flows.exports.sheets import Sheet, Workbook, suppressed

__all__ = ["Sheet", "Workbook", "assemble", "cell", "neutralise", "suppressed"]
