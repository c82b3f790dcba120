"""Exports are safe to run over files that matter: atomic writes, one overwrite policy, the user's
permissions, no writing through symbolic links, and CSV cells that a spreadsheet cannot run.

Failures are made real where that can be done without timing: a file-size limit
(``RLIMIT_FSIZE``) stops a subprocess's export part-way through writing, either with an error
(``SIGXFSZ`` ignored: the write fails with ``EFBIG``, as on a full disk) or by killing it
(``SIGXFSZ``'s default action ends the process, as ``kill -9`` would, at the moment a write goes
past the limit). Failures at the steps around the write (``fsync``, ``os.replace``) are made by
monkeypatching.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import pathlib
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

import spinekb
from spinekb._export import common, export
from spinekb._export import document as json_export
from spinekb._export import jsonld as jsonld_export
from spinekb._export import tables as csv_export
from spinekb._kinds import KINDS

FILE_FORMATS = ("json", "sqlite", "jsonld")
FOLDER_FORMATS = ("schema", "csv")
FORMATS = FILE_FORMATS + FOLDER_FORMATS
OLD = b"the old export, which must survive\n"


def output_of(tmp_path: pathlib.Path, format_: str) -> pathlib.Path:
    return tmp_path / {"json": "kb.json", "sqlite": "kb.sqlite", "jsonld": "kb.jsonld"}.get(format_, format_)


def names_written(mini: spinekb.KnowledgeBase, format_: str, scratch: pathlib.Path) -> list[str]:
    """The names of the files ``format_`` writes, from an export into a scratch folder."""
    return [path.name for path in export(mini, format_, output_of(scratch, format_))]


def old_outputs(tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, format_: str) -> pathlib.Path:
    """The output of ``format_`` under ``tmp_path``, already there with old contents (every file
    it writes, and for a folder, an unrelated file too); returns the output path."""
    output = output_of(tmp_path, format_)
    if format_ in FILE_FORMATS:
        output.write_bytes(OLD)
        return output
    output.mkdir()
    for name in names_written(mini, format_, tmp_path / "scratch"):
        (output / name).write_bytes(OLD + name.encode())
    (output / "notes.txt").write_bytes(b"not ours")
    return output


def snapshot(folder: pathlib.Path) -> dict[str, bytes]:
    """Every file under ``folder`` (scratch exports aside), by relative path, with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else b"<folder>"
        for path in sorted(folder.rglob("*"))
        if not path.relative_to(folder).parts[0].startswith("scratch")
    }


def leftovers(folder: pathlib.Path) -> list[str]:
    """Hidden files and folders under ``folder``: what a temporary file would be."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob(".*"))


# --- 8. atomic writes -----------------------------------------------------------------------


@pytest.mark.parametrize("format_", FORMATS)
def test_a_failed_rename_leaves_the_old_output_and_no_temporaries(
    format_: str, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = old_outputs(tmp_path, mini, format_)
    before = snapshot(tmp_path)

    def fail(source: Any, target: Any) -> None:
        raise OSError(errno.EIO, "simulated failure", str(target))

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="simulated failure"):
        export(mini, format_, output, replace=True)
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("format_", FORMATS)
def test_a_failed_fsync_leaves_the_old_output_and_no_temporaries(
    format_: str, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data is flushed to disk before the rename: a failure there stops the export too."""
    output = old_outputs(tmp_path, mini, format_)
    before = snapshot(tmp_path)

    def fail(fd: int) -> None:
        raise OSError(errno.EIO, "simulated fsync failure")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError, match="simulated fsync failure"):
        export(mini, format_, output, replace=True)
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("format_", "module", "function"),
    [("jsonld", jsonld_export, "to_jsonld"), ("json", json_export, "to_document")],
)
def test_output_that_cannot_be_encoded_leaves_the_old_file(
    format_: str,
    module: Any,
    function: str,
    tmp_path: pathlib.Path,
    mini: spinekb.KnowledgeBase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lone surrogate cannot be written as UTF-8: the JSON-LD export used to open (and so empty)
    the file before finding that out."""
    output = old_outputs(tmp_path, mini, format_)
    monkeypatch.setattr(module, function, lambda kb: {"name": "broken \ud800 text"})
    with pytest.raises(UnicodeEncodeError):
        export(mini, format_, output, replace=True)
    assert output.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_csv_export_that_fails_on_a_later_file_changes_none(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    """The CSV files are all written before any is put in place: a failure on the last kind's
    file (a text that cannot be encoded) leaves every old file as it was, not a mix."""
    output = old_outputs(tmp_path, mini, "csv")
    before = snapshot(tmp_path)
    records = {cls: tuple(getattr(mini, stem.replace("-", "_"))) for stem, cls in KINDS}
    last = KINDS[-1][1]
    first, *others = records[last]
    records[last] = (attrs.evolve(first, summary="broken \ud800 text"), *others)
    with pytest.raises(UnicodeEncodeError):
        export(spinekb.KnowledgeBase(records), "csv", output, replace=True)
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


def test_a_csv_rename_that_fails_part_way_leaves_no_temporaries(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one accepted window (see docs/exports.md): every file is complete before the first
    rename, but if a rename then fails, the files renamed before it are new and the rest old.
    Each file is whole either way, and no temporary is left."""
    output = old_outputs(tmp_path, mini, "csv")  # also exports into scratch/csv: the new files
    names = [path.name for path in csv_export.write_csv(mini, tmp_path / "scratch" / "names")]
    real = os.replace
    calls: list[str] = []

    def fail_third(source: Any, target: Any) -> None:
        calls.append(str(target))
        if len(calls) == 3:
            raise OSError(errno.EIO, "simulated failure", str(target))
        real(source, target)

    monkeypatch.setattr(os, "replace", fail_third)
    with pytest.raises(OSError, match="simulated failure"):
        export(mini, "csv", output, replace=True)
    monkeypatch.undo()
    new = {name: (tmp_path / "scratch" / "csv" / name).read_bytes() for name in names}
    for index, name in enumerate(names):
        expected = new[name] if index < 2 else OLD + name.encode()
        assert (output / name).read_bytes() == expected, name
    assert (output / "notes.txt").read_bytes() == b"not ours"
    assert leftovers(tmp_path) == []


CHILD = textwrap.dedent(
    """
    import importlib, resource, signal, sys

    import spinekb
    from spinekb._export import FORMATS, export

    format_, output, limit, mode = sys.argv[1:]
    for module, _ in FORMATS.values():
        importlib.import_module(f"spinekb._export.{module}")
    kb = spinekb.load()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Python ignores SIGXFSZ, so that a write past the limit fails with EFBIG; by default the
    # signal ends the process, as SIGKILL would.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN if mode == "error" else signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_FSIZE, (int(limit), resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    export(kb, format_, output, replace=True)
    """
)


def run_limited(format_: str, output: pathlib.Path, limit: int, mode: str) -> subprocess.CompletedProcess[str]:
    """Export the bundled knowledge base in a subprocess whose files may not grow past ``limit``."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-c", CHILD, format_, str(output), str(limit), mode],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def limit_for(tmp_path: pathlib.Path, kb: spinekb.KnowledgeBase, format_: str) -> int:
    """A file-size limit that the export reaches part-way: half its largest file."""
    written = export(kb, format_, output_of(tmp_path / "scratch-limit", format_))
    return max(path.stat().st_size for path in written) // 2


@pytest.mark.parametrize("format_", FORMATS)
def test_a_write_cut_short_by_a_full_disk_leaves_the_old_output_and_no_temporaries(
    format_: str, tmp_path: pathlib.Path, kb: spinekb.KnowledgeBase, mini: spinekb.KnowledgeBase
) -> None:
    output = old_outputs(tmp_path, mini, format_)
    limit = limit_for(tmp_path, kb, format_)
    before = snapshot(tmp_path)
    result = run_limited(format_, output, limit, "error")
    assert result.returncode == 1, result.stderr
    assert "File too large" in result.stderr or "sqlite3.OperationalError" in result.stderr, result.stderr
    assert snapshot(tmp_path) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("format_", FORMATS)
def test_an_export_killed_mid_write_leaves_the_old_output(
    format_: str, tmp_path: pathlib.Path, kb: spinekb.KnowledgeBase, mini: spinekb.KnowledgeBase
) -> None:
    """A process killed while writing cannot clean up: what it leaves is its own hidden temporary
    (never a SQLite journal), and the output is untouched."""
    output = old_outputs(tmp_path, mini, format_)
    limit = limit_for(tmp_path, kb, format_)
    before = snapshot(tmp_path)
    result = run_limited(format_, output, limit, "kill")
    assert result.returncode == -signal.SIGXFSZ, result.stderr
    after = snapshot(tmp_path)
    left = leftovers(tmp_path)
    assert {key: value for key, value in after.items() if not any(key.startswith(item) for item in left)} == before
    assert len(left) == 1, left  # one temporary file, or one temporary folder (and what is in it)
    if format_ in FILE_FORMATS:
        assert left[0].startswith(f".{output.name}."), left
        assert left[0].endswith(".tmp"), left
    else:
        assert left[0].startswith(f"{format_}/.spinekb-export-"), left
    assert not any(item.endswith(("-journal", "-wal", "-shm")) for item in left), left


def test_a_failed_sqlite_export_leaves_no_database_or_journal(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while the rows go in (here a row that breaks NOT NULL) removes the temporary
    database and anything SQLite made beside it."""
    from spinekb._export import database

    real = database._sqlite_tables

    def broken(kb: spinekb.KnowledgeBase) -> list[Any]:
        tables = real(kb)
        tables[2].rows.append(tuple(None for _ in tables[2].columns))
        return tables

    monkeypatch.setattr(database, "_sqlite_tables", broken)
    output = old_outputs(tmp_path, mini, "sqlite")
    with pytest.raises((ValueError, OSError)):
        export(mini, "sqlite", output, replace=True)
    assert output.read_bytes() == OLD
    assert sorted(item.name for item in tmp_path.iterdir()) == ["kb.sqlite"]


# --- 9. one overwrite policy, permissions and links -----------------------------------------


@pytest.mark.parametrize("format_", FORMATS)
def test_every_format_refuses_an_existing_output_unless_told(
    format_: str, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    output = old_outputs(tmp_path, mini, format_)
    before = snapshot(tmp_path)
    with pytest.raises(FileExistsError) as raised:
        export(mini, format_, output)
    assert isinstance(raised.value, ValueError)  # as SQLite's refusal always was
    assert "already exists; pass replace=True (--replace on the command line)" in str(raised.value)
    assert snapshot(tmp_path) == before
    written = export(mini, format_, output, replace=True)
    assert written
    for path in written:
        assert not path.read_bytes().startswith(OLD)
    if format_ in FOLDER_FORMATS:
        assert (output / "notes.txt").read_bytes() == b"not ours"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("format_", FOLDER_FORMATS)
def test_a_folder_format_refuses_if_any_one_of_its_files_is_there(
    format_: str, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    names = names_written(mini, format_, tmp_path / "scratch")
    output = tmp_path / "out"
    output.mkdir()
    (output / "notes.txt").write_bytes(b"not ours")
    (output / names[-1]).write_bytes(OLD)
    with pytest.raises(FileExistsError, match=f"{names[-1]}' already exists; pass replace=True"):
        export(mini, format_, output)
    assert sorted(item.name for item in output.iterdir()) == sorted(["notes.txt", names[-1]])
    (output / names[-1]).unlink()
    assert [path.name for path in export(mini, format_, output)] == names  # other files are no obstacle
    assert (output / "notes.txt").read_bytes() == b"not ours"


@pytest.mark.parametrize("format_", FORMATS)
def test_the_command_line_has_the_same_policy(
    format_: str, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    from spinekb.cli import main

    output = old_outputs(tmp_path, mini, format_)
    before = snapshot(tmp_path)
    assert main(["export", "--format", format_, "--output", str(output)]) == 2
    assert "--replace" in capsys.readouterr().err
    assert snapshot(tmp_path) == before
    assert main(["export", "--format", format_, "--output", str(output), "--replace"]) == 0
    assert snapshot(tmp_path) != before


def test_a_file_that_appears_during_the_export_is_not_overwritten(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without ``replace`` the new file is put in place with a hard link, which fails if anything
    is at the path by then: the check and the write cannot be raced."""
    output = tmp_path / "kb.json"
    real = json_export.json_text

    def meanwhile(kb: spinekb.KnowledgeBase) -> str:
        output.write_bytes(OLD)  # another process wrote the file after the export checked
        return real(kb)

    monkeypatch.setattr(json_export, "json_text", meanwhile)
    with pytest.raises(FileExistsError, match="already exists"):
        export(mini, "json", output)
    assert output.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_without_hard_links_the_export_still_works(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: Any, target: Any, **options: Any) -> None:
        raise OSError(errno.EPERM, "hard links not supported here")

    monkeypatch.setattr(os, "link", no_links)
    for format_ in FORMATS:
        written = export(mini, format_, output_of(tmp_path, format_))
        assert all(path.is_file() for path in written)
    with pytest.raises(FileExistsError):
        export(mini, "json", output_of(tmp_path, "json"))
    late = tmp_path / "late.json"
    real = json_export.json_text

    def meanwhile(kb: spinekb.KnowledgeBase) -> str:
        late.write_bytes(OLD)
        return real(kb)

    monkeypatch.setattr(json_export, "json_text", meanwhile)
    with pytest.raises(FileExistsError, match="already exists"):  # checked again before the rename
        export(mini, "json", late)
    assert late.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_folder_that_cannot_be_flushed_is_no_failure(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flushing the folder after the rename is best effort: some file systems refuse it."""
    real = os.fsync

    def files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "cannot flush a folder here")
        real(fd)

    monkeypatch.setattr(os, "fsync", files_only)
    for format_ in FORMATS:
        assert all(path.is_file() for path in export(mini, format_, output_of(tmp_path, format_)))
    assert leftovers(tmp_path) == []


def test_the_writers_check_their_arguments_too(tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase) -> None:
    from spinekb._export import schema as schema_export

    for write in (
        lambda: json_export.write_json(mini, tmp_path / "kb.json", replace="yes"),  # type: ignore[arg-type]
        lambda: csv_export.write_csv(mini, tmp_path / "csv", replace=1),  # type: ignore[arg-type]
        lambda: schema_export.write_schemas(tmp_path / "schema", replace=None),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError, match="replace must be True or False"):
            write()
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "csv" / "sources.csv").mkdir(parents=True)
    with pytest.raises(ValueError, match=r"sources\.csv' is a folder, where the export would write a file"):
        export(mini, "csv", tmp_path / "csv", replace=True)
    assert [path.name for path in (tmp_path / "csv").iterdir()] == ["sources.csv"]


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """Set the process's umask for one test."""
    saved = os.umask(0o022)
    os.umask(saved)
    yield os.umask
    os.umask(saved)


def test_permissions_without_fchmod(
    tmp_path: pathlib.Path,
    mini: spinekb.KnowledgeBase,
    umask: Callable[[int], int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where there is no os.fchmod (Windows before Python 3.13) the file is changed by its path."""
    umask(0o027)
    monkeypatch.delattr(os, "fchmod", raising=False)
    for format_ in FORMATS:
        for path in export(mini, format_, output_of(tmp_path, format_)):
            assert stat.S_IMODE(path.stat().st_mode) == 0o640, path


@pytest.mark.parametrize("format_", FORMATS)
@pytest.mark.parametrize("mask", [0o027, 0o002])
def test_files_get_the_permissions_of_the_umask(
    format_: str, mask: int, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase, umask: Callable[[int], int]
) -> None:
    umask(mask)
    for path in export(mini, format_, output_of(tmp_path, format_)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask, path


@pytest.mark.parametrize("status", [None, "Name:\tpython\nPid:\t1\n"], ids=["no /proc", "no Umask line"])
def test_the_umask_is_read_without_proc_too(
    status: str | None,
    tmp_path: pathlib.Path,
    mini: spinekb.KnowledgeBase,
    umask: Callable[[int], int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    umask(0o037)
    fake = tmp_path / "status"
    if status is not None:
        fake.write_text(status, encoding="ascii")
    monkeypatch.setattr(common, "_PROC_STATUS", str(fake), raising=False)
    calls: list[int] = []

    def spy(mask: int) -> int:
        calls.append(mask)
        return umask(mask)

    monkeypatch.setattr(os, "umask", spy)
    (path,) = export(mini, "sqlite", tmp_path / "kb.sqlite")
    monkeypatch.undo()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert calls == [0o077, 0o037]  # set to a private mask for the instant it takes to read it
    assert os.umask(0o037) == 0o037  # read, then put back as it was


def symlink_cases(tmp_path: pathlib.Path, format_: str, mini: spinekb.KnowledgeBase) -> Iterator[pathlib.Path]:
    """Outputs that are, or contain, a symbolic link: to a file that matters, and dangling."""
    victim = tmp_path / "victim"
    victim.write_bytes(OLD)
    if format_ in FILE_FORMATS:
        for name, target in (("to-victim", victim), ("dangling", tmp_path / "nothing-here")):
            link = tmp_path / name
            link.symlink_to(target)
            yield link
        return
    name = names_written(mini, format_, tmp_path / "scratch")[-1]
    for case, target in (("to-victim", victim), ("dangling", tmp_path / "nothing-here")):
        folder = tmp_path / case
        folder.mkdir()
        (folder / name).symlink_to(target)
        yield folder
    real = tmp_path / "real-folder"
    real.mkdir()
    linked = tmp_path / "linked-folder"
    linked.symlink_to(real, target_is_directory=True)
    yield linked


@pytest.mark.parametrize("replace", [False, True])
@pytest.mark.parametrize("format_", FORMATS)
def test_symbolic_links_are_never_written_through_or_replaced(
    format_: str, replace: bool, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    for output in symlink_cases(tmp_path, format_, mini):
        before = snapshot(tmp_path)
        links = {str(path): os.readlink(path) for path in tmp_path.rglob("*") if path.is_symlink()}
        with pytest.raises(ValueError, match="is a symbolic link") as raised:
            export(mini, format_, output, replace=replace)
        assert not isinstance(raised.value, FileExistsError), output  # replace=True would not help
        assert snapshot(tmp_path) == before, output
        assert {str(path): os.readlink(path) for path in tmp_path.rglob("*") if path.is_symlink()} == links
        assert not (tmp_path / "nothing-here").exists()
        assert (tmp_path / "victim").read_bytes() == OLD
        assert leftovers(tmp_path) == []


@pytest.mark.parametrize("format_", FORMATS)
def test_a_pipe_at_the_output_is_refused_even_with_replace(
    format_: str, tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    """Exports write regular files only: not into a pipe or device, nor over one."""
    output = output_of(tmp_path, format_)
    if format_ in FOLDER_FORMATS:
        output.mkdir()
        output = output / names_written(mini, format_, tmp_path / "scratch")[0]
    os.mkfifo(output)
    reader = os.open(output, os.O_RDONLY | os.O_NONBLOCK)  # so that a writer could not block
    try:
        with pytest.raises(ValueError, match="not a regular file"):
            export(mini, format_, output if format_ in FILE_FORMATS else output.parent, replace=True)
        assert stat.S_ISFIFO(os.lstat(output).st_mode)
        assert os.read(reader, 1024) == b""
    finally:
        os.close(reader)


# --- 10. CSV formula injection --------------------------------------------------------------

DANGEROUS = {
    "name": '=HYPERLINK("https://example.org","click")',
    "title": "+1+cmd|' /C calc'!A0",
    "publisher": "@SUM(A1:A9)",
    "authors": "-2+3+cmd|' /C calc'!A0",
    "citation": "\t=1+1",
    "url": "\r=1+1",
    "summary": "'=1+1 quoted already",
}


def read_rows(path: pathlib.Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        header, *rows = csv.reader(stream)
    return {row[0]: dict(zip(header, row, strict=True)) for row in rows}


def undo(cell: str) -> str:
    """What docs/exports.md tells a reader to do: drop one leading single quote."""
    return cell[1:] if cell.startswith("'") else cell


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    records = {cls: tuple(getattr(mini, stem.replace("-", "_"))) for stem, cls in KINDS}
    source_class = dict(KINDS)["sources"]
    first, second, *others = records[source_class]
    records[source_class] = (
        attrs.evolve(first, **DANGEROUS, year=-5, notes=("=1+1",)),
        attrs.evolve(second, title="-12", summary="A plain - text = with @ inside"),
        *others,
    )
    kb = spinekb.KnowledgeBase(records)
    written = export(kb, "csv", tmp_path / "csv")
    rows = read_rows(tmp_path / "csv" / "sources.csv")
    cells = rows[first.id]
    for field, value in DANGEROUS.items():
        assert cells[field] == "'" + value, field
        assert undo(cells[field]) == value, field
    assert cells["year"] == "-5"  # a whole number is a number to a spreadsheet, not a formula
    assert cells["notes"] == '["=1+1"]'  # JSON text starts with "[": read as text as it is
    assert rows[second.id]["title"] == "-12"  # text that is a whole number: harmless, left as it is
    assert rows[second.id]["summary"] == "A plain - text = with @ inside"
    for path in written:  # nothing else starts with a quote, so undo() gives back every value
        for row in read_rows(path).values():
            for field, cell in row.items():
                if path.name != "sources.csv" or row["id"] != first.id or field not in DANGEROUS:
                    assert not cell.startswith("'"), (path.name, field)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'x", "''x"),
        ("-1", "-1"),
        ("-1.5", "'-1.5"),
        ("-", "'-"),
        ("", ""),
        ("x=1", "x=1"),
        (" =1", " =1"),
        (-3, "-3"),
        (3, "3"),
        (("-a", "b"), '["-a","b"]'),
    ],
)
def test_csv_cell_rules(value: Any, written: str) -> None:
    assert csv_export._csv_cell(value, joined=False) == written
    assert undo(written) == (value if isinstance(value, str) else written)


def test_csv_without_dangerous_cells_is_as_before(tmp_path: pathlib.Path, kb: spinekb.KnowledgeBase) -> None:
    """Content that needs no neutralising is written exactly as csv.writer writes its values."""
    from spinekb._export.common import record_fields

    for path, ((stem, cls), entries) in zip(
        export(kb, "csv", tmp_path / "csv"), zip(KINDS, kb.collections, strict=True), strict=True
    ):
        stream = io.StringIO(newline="")
        writer = csv.writer(stream)
        fields = record_fields(cls)
        writer.writerow([field.name for field in fields])
        for entry in sorted(entries, key=lambda entry: entry.id):
            writer.writerow(
                [csv_export._csv_cell(getattr(entry, field.name), csv_export._joined(field)) for field in fields]
            )
        assert path.read_bytes() == stream.getvalue().encode("utf-8"), stem
        with path.open(encoding="utf-8", newline="") as written:
            assert not [cell for row in csv.reader(written) for cell in row if cell.startswith("'")], stem
