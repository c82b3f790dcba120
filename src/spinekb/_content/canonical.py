"""The canonical layout of content files, and a tool that rewrites a folder into it.

A canonical file is what the converter writes: entries sorted by id, fields in the order the
record declares them, defaults left out, two-space indent, UTF-8 kept as is, a final newline.
Because the layout is derived from the records, a file that is canonical also round-trips.

    python -m spinekb._content.canonical src/spinekb/data

For the bundled folder it also records, in ``_version.py``, the fingerprint of the content it has
just checked in full (``CHECKED_CONTENT``), which lets ``spinekb.load()`` skip those checks.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
from collections.abc import Iterable, Sequence

from spinekb._content.packs import bundled_folder
from spinekb._content.read import MANIFEST, converter, read_folder
from spinekb._kinds import KINDS
from spinekb.errors import ContentError
from spinekb.models import Entry, Manifest


def canonical_text(entries: Iterable[Entry]) -> str:
    """The canonical JSON text of one content file."""
    unstructure = converter().unstructure
    data = [unstructure(entry) for entry in sorted(entries, key=lambda entry: entry.id)]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def rewrite(folder: pathlib.Path) -> list[pathlib.Path]:
    """Load ``folder`` (it must be valid) and rewrite each file that is not canonical.

    Returns the files changed.
    """
    content = read_folder(folder)
    texts = {folder / f"{stem}.json": canonical_text(content.records[cls]) for stem, cls in KINDS}
    if content.manifest is not None:
        texts[folder / MANIFEST] = manifest_text(content.manifest)
    changed = []
    for path, text in texts.items():
        if path.exists() and path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


#: Where the fingerprint of the checked bundled content is recorded.
VERSION_FILE = pathlib.Path(__file__).parent.parent / "_version.py"


def record_fingerprint(folder: pathlib.Path, version: pathlib.Path | None = None) -> pathlib.Path | None:
    """Check ``folder`` in full and write its fingerprint into ``version`` (``_version.py``).

    Returns the file when it changed, ``None`` when it was already current.
    """
    fingerprint = read_folder(folder).fingerprint
    version = version or VERSION_FILE
    text = version.read_text(encoding="utf-8")
    new, count = re.subn(r"(?m)^CHECKED_CONTENT = .*$", f'CHECKED_CONTENT = "{fingerprint}"', text)
    if count != 1:
        raise RuntimeError(f"{version} has no 'CHECKED_CONTENT = ...' line")
    if new == text:
        return None
    version.write_text(new, encoding="utf-8")
    return version


def manifest_text(manifest: Manifest) -> str:
    """The canonical JSON text of a manifest."""
    return json.dumps(converter().unstructure(manifest), indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the folders named in ``argv`` into canonical form."""
    folders = list(argv if argv is not None else sys.argv[1:])
    if not folders:
        print("usage: python -m spinekb._content.canonical FOLDER...", file=sys.stderr)
        return 2
    for folder in folders:
        try:
            changed = rewrite(pathlib.Path(folder))
        except ContentError as exc:
            print(exc, file=sys.stderr)
            return 1
        if pathlib.Path(folder).resolve() == pathlib.Path(str(bundled_folder())).resolve():
            version = record_fingerprint(pathlib.Path(folder))
            changed += [version] if version is not None else []
        for path in changed:
            print(f"rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
