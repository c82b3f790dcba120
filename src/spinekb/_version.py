"""Versions, kept apart from the code so reading them costs nothing."""

#: The version of the library code.
__version__ = "0.1.0"

#: The version of the bundled content: year, month, and a counter within the month. It changes
#: whenever the data does, independently of the code; see the "Data" notes in the changelog.
DATA_VERSION = "2026.11.0"

#: The fingerprint (a BLAKE2b digest, see ``spinekb._content.read.Fingerprint``) of the bundled content
#: files that the test suite checks in full. ``spinekb.load()`` skips the whole-content checks when
#: the installed files match it byte for byte. ``python -m spinekb._content.canonical src/spinekb/data``
#: rewrites it after checking the content, and a test fails when it is out of date.
CHECKED_CONTENT = "9aed181bf82ddbcd9398055ea0392ae4"
