"""``python -m graph``: the plankg command line."""
import sys

from graph.cli import main

if __name__ == "__main__":
    sys.exit(main())
