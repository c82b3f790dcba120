"""Bad command lines and failing output: a one-line message on stderr and a documented exit
status for each cause, never a traceback (issue 16, items 11, 12 and 13)."""

from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from spinekb.cli import EXIT_STATUSES, main

EXAMPLE = pathlib.Path(__file__).parent.parent / "examples" / "packs" / "clinic-extras"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as exc:  # argparse's usage errors
        status = exc.code if isinstance(exc.code, int) else 2
    out, err = capsys.readouterr()
    return status, out, err


# argv, exit status, what the one line on stderr says.
BAD_COMMAND_LINES: list[tuple[list[str], int, str]] = [
    ([], 2, "the following arguments are required: COMMAND"),
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    (["show"], 2, "the following arguments are required: ID-OR-NAME"),
    (["show", "glute", "brige"], 2, "no entry 'glute brige'"),
    (["search"], 2, "the following arguments are required: TEXT"),
    (["search", "bridge", "--limit", "0"], 2, "must be at least 1, not 0"),
    (["search", "bridge", "--limit", "many"], 2, "expected a whole number, got 'many'"),
    (["exercises"], 2, "one of the arguments --muscle-group --muscle --region is required"),
    (["exercises", "--muscle-group", "hip", "--region", "hip"], 2, "not allowed with argument"),
    (["exercises", "--muscle-group", "hip-abductor"], 2, "did you mean 'hip-abductors'"),
    (["exercises", "--region", "hip", "--chain", "-1"], 2, "must be 0 or more, not -1"),
    (["exercises", "--region", "hip", "--kind", "yoga"], 2, "invalid choice: 'yoga'"),
    (["exercises", "--region", "hip", "--avoid", "nothing-at-all"], 2, "no condition or red flag 'nothing-at-all'"),
    (["red-flags", "--condition", "hiccups"], 2, "no condition 'hiccups'"),
    (["screen"], 2, "name at least one finding"),
    (["screen", "fever", "--age", "-3"], 2, "must be 0 or more, not -3"),
    (["screen", "fever", "--weeks", "inf"], 2, "must be a number of weeks, 0 or more, not inf"),
    (["screen", "fever", "--weeks", "nan"], 2, "must be a number of weeks, 0 or more, not nan"),
    (["screen", "fever", "--onset", "fever"], 2, "expected FINDING=new|worsening|stable"),
    (["screen", "fever", "--severity-of", "fever=awful"], 2, "expected FINDING=mild|moderate|severe"),
    (["screen", "fever", "--severity", "awful"], 2, "invalid choice: 'awful'"),
    (["screen", "blorptastic"], 2, "no symptom or red flag 'blorptastic'"),
    (["screen", "fever", "--explained", "nonsense"], 2, "nonsense"),
    (["plan"], 2, "the following arguments are required: TARGET"),
    (["plan", "hip", "--sessions", "7"], 2, "must be from 1 to 6"),
    (["plan", "hip", "--sessions", "0"], 2, "must be at least 1, not 0"),
    (["plan", "hip", "--weeks", "53"], 2, "52"),
    (["plan", "hip", "--minutes", "-5"], 2, "must be a number of minutes, 0 or more, not -5"),
    (["plan", "elbow"], 2, "no muscle group or region 'elbow'"),
    (["plan", "hip", "--avoid", "saddle numbness"], 3, "seek care first"),
    (["export"], 2, "the following arguments are required: --format"),
    (["export", "--format", "xml"], 2, "invalid choice: 'xml'"),
    (["export", "--format", "csv"], 2, "give --output PATH"),
    (["export", "--format", "schema", "--kind", "widgets"], 2, "widgets"),
    (["validate"], 2, "the following arguments are required: PACK"),
    (["validate", ""], 2, "not an empty string"),
    (["validate", "no-such-pack"], 2, "no content pack 'no-such-pack'"),
    (["validate", "./no/such/folder"], 2, "no such file or folder"),
    (["list", "widgets"], 2, "widgets"),
]


@pytest.mark.parametrize(("argv", "status", "message"), BAD_COMMAND_LINES, ids=lambda value: repr(value)[:60])
def test_a_bad_command_line_gets_its_status_and_one_line(
    argv: list[str], status: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    found, out, err = run(argv, capsys)
    assert found == status, err
    assert status in EXIT_STATUSES
    assert out == ""
    assert "Traceback" not in err
    last = err.rstrip("\n").splitlines()[-1]  # argparse prints its usage line first
    assert last.startswith(("spinekb: ", "spinekb ")), err
    assert message in last, err


def test_exit_statuses_are_documented_in_the_cli_page() -> None:
    page = (pathlib.Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    for status, cause in EXIT_STATUSES.items():
        assert f"| {status} | {cause} |" in page


# --- output that cannot be written -------------------------------------------------------------


def _not_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() != 0


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("a-file/kb.json", "Not a directory"),
        ("x" * 300 + ".json", "File name too long"),
    ],
)
def test_an_export_that_cannot_be_written_names_the_path_and_the_reason(
    where: str, reason: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("in the way", encoding="utf-8")
    target = tmp_path / where
    status, out, err = run(["export", "--format", "json", "--output", str(target)], capsys)
    assert (status, out) == (4, "")
    (line,) = err.splitlines()
    assert line.startswith("spinekb: cannot write ")
    assert reason in line


@pytest.mark.skipif(not _not_root(), reason="root may write anywhere")
@pytest.mark.parametrize("format_", ["json", "csv", "sqlite", "jsonld", "schema"])
def test_an_export_into_a_folder_that_cannot_be_written_exits_4(
    format_: str, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        status, out, err = run(["export", "--format", format_, "--output", str(locked / "out")], capsys)
    finally:
        locked.chmod(0o700)
    assert (status, out) == (4, "")
    (line,) = err.splitlines()
    assert line.startswith("spinekb: cannot write ")
    assert "Permission denied" in line


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (PermissionError(13, "Permission denied"), "Permission denied"),  # as for root, who may write anywhere
        (OSError(28, "No space left on device"), "No space left on device"),
    ],
)
def test_an_export_whose_writes_fail_names_the_file_and_the_reason(
    failure: OSError,
    reason: str,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import tempfile

    def failing(*args: object, dir: str, **kwargs: object) -> tuple[int, str]:
        failure.filename = dir
        raise failure

    monkeypatch.setattr(tempfile, "mkstemp", failing)
    status, out, err = run(["export", "--format", "json", "--output", str(tmp_path / "kb.json")], capsys)
    assert (status, out) == (4, "")
    assert err == f"spinekb: cannot write {str(tmp_path)!r}: {reason}\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_disk_on_stdout_is_one_line_and_status_4() -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "spinekb", "export", "--format", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 4
    assert done.stderr == "spinekb: cannot write to standard output: No space left on device\n"


def test_an_export_to_a_device_is_refused_before_anything_is_written(capsys: pytest.CaptureFixture[str]) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    status, out, err = run(["export", "--format", "json", "--output", "/dev/full", "--replace"], capsys)
    assert (status, out) == (2, "")
    assert err == "spinekb: '/dev/full' is not a regular file (a pipe, socket or device); exports write files only\n"


def test_a_fault_in_spinekb_is_one_line_and_status_70(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from spinekb import cli

    def broken(*_: object) -> list[str]:
        raise RuntimeError("something inside broke")

    monkeypatch.setitem(cli._COMMANDS, "list", broken)
    monkeypatch.delenv("SPINEKB_DEBUG", raising=False)
    status, out, err = run(["list", "topics"], capsys)
    assert (status, out) == (70, "")
    assert err == (
        "spinekb: unexpected fault (RuntimeError: something inside broke); please report it "
        "(SPINEKB_DEBUG=1 shows where)\n"
    )
    monkeypatch.setenv("SPINEKB_DEBUG", "1")
    with pytest.raises(RuntimeError, match="something inside broke"):
        main(["list", "topics"])


def test_an_interrupt_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from spinekb import cli

    def interrupted(*_: object) -> list[str]:
        raise KeyboardInterrupt

    monkeypatch.setitem(cli._COMMANDS, "list", interrupted)
    assert run(["list", "topics"], capsys) == (130, "", "spinekb: interrupted\n")


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", str(EXAMPLE)],
        ["list", "exercises"],
        ["export", "--format", "json"],
        ["show", "sciatica"],
    ],
)
def test_a_reader_that_stops_early_is_not_an_error(argv: list[str]) -> None:
    """``spinekb ... | head -1``: the pipe closes after one line; no traceback, the command's status."""
    process = subprocess.Popen([sys.executable, "-m", "spinekb", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # what head does after its line
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait() == 0
    assert err == ""


# --- text from packs is printed escaped -------------------------------------------------------


def test_terminal_control_characters_from_a_pack_are_escaped(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(EXAMPLE, pack)
    topics = json.loads((pack / "topics.json").read_text(encoding="utf-8"))
    # An id cannot hold them, so a broken entry with a name that moves the cursor and forges a line.
    topics[0]["id"] = "Bad\x1b[2J\rok: all fine\n  forged"
    (pack / "topics.json").write_text(json.dumps(topics), encoding="utf-8")
    status, out, _ = run(["validate", str(pack)], capsys)
    assert status == 1
    assert "\x1b" not in out
    assert "\r" not in out
    assert "\\u001b[2J\\u000dok: all fine\\u000a  forged" in out
    problems = out.splitlines()[1:]
    assert all(line.startswith("  pack ") for line in problems)


def test_the_text_escaper_keeps_json_json_and_plain_text_plain() -> None:
    from spinekb.cli import _printable

    text = "a\x1bb\x9bc\u202ed\te\nf — ü 坐骨"
    assert _printable(text) == "a\\u001bb\\u009bc\\u202ed\te\nf — ü 坐骨"
    assert _printable(text, newlines=True) == "a\\u001bb\\u009bc\\u202ed\\u0009e\\u000af — ü 坐骨"
    assert json.loads(_printable(json.dumps(text, ensure_ascii=False))) == text


# --- screen splits many words at once ------------------------------------------------------------


def test_screen_splits_a_thousand_words_into_findings_without_trying_every_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The number of look-ups grows with the words, not with their square."""
    from spinekb._query.collection import Collection
    from spinekb.models import Entry

    calls = 0
    real = Collection.find

    def counting(self: Collection[Entry], text: str) -> Entry | None:
        nonlocal calls
        calls += 1
        return real(self, text)

    monkeypatch.setattr(Collection, "find", counting)
    counts = []
    for repeats in (50, 500):
        calls = 0
        status, out, _ = run(["screen", *(["saddle", "numbness"] * repeats)], capsys)
        assert status == 0
        assert out.startswith("EMERGENCY")
        counts.append(calls)
    assert counts[1] <= 11 * counts[0]  # ten times the words, about ten times the look-ups
