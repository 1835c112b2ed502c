"""``python -m credkit``: the command line (see :mod:`credkit.cli`)."""

from credkit.cli import run

if __name__ == "__main__":
    run()
