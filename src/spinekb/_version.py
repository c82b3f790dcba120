"""Versions, kept apart from the code so reading them costs nothing."""

#: The version of the library code.
__version__ = "0.1.0"
