"""Run every benchmark and print its figures."""

from benchmarks import update_cost


def main() -> None:
    print("== CPU per update ==")
    update_cost.main()


if __name__ == "__main__":
    main()
