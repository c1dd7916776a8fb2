"""limnorm: track a municipality's implementation of the Limburgse Norm."""

# Kept as a literal: importlib.metadata costs ~10 ms at every start-up.
__version__ = "0.1.0"
