"""Allow ``python -m limnorm``."""

from limnorm.cli import main

main()
