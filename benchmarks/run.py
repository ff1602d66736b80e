"""Run every benchmark and print its figures."""

from benchmarks import own_work, update_cost


def main() -> None:
    print("== CPU per update ==")
    update_cost.main()
    print("== Palabre's own work per update (no PTB) ==")
    own_work.main()


if __name__ == "__main__":
    main()
