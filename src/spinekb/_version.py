"""Versions, kept apart from the code so reading them costs nothing."""

#: The version of the library code.
__version__ = "0.1.0"

#: The version of the bundled content: year, month, and a counter within the month. It changes
#: whenever the data does, independently of the code; see the "Data" notes in the changelog.
DATA_VERSION = "2026.11.0"
