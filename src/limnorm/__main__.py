"""Allow ``python -m limnorm``."""

from limnorm.cli.app import main

main()
