"""``python -m casualties``: the same as the ``casualties`` command."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
