"""``python -m unsc``: the same command as ``unsc``."""

from unsc.cli import main

if __name__ == "__main__":
    main()
