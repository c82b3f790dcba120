"""The spinekb command line: output for people, exit codes, and errors on stderr."""

from __future__ import annotations

import subprocess
import sys

import pytest

import spinekb
from spinekb import KnowledgeBase
from spinekb.cli import main


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, mini: KnowledgeBase, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the command line against the tiny test knowledge base; return (status, stdout, stderr)."""
    from spinekb import _bundled

    monkeypatch.setattr(_bundled, "_bundled", mini)

    def call(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return call


def test_show_by_id_name_or_alias(run) -> None:  # type: ignore[no-untyped-def]
    for words in (["side-leg-lift"], ["Side", "leg", "lift"], ["SIDE LEG LIFT"]):
        status, out, err = run("show", *words)
        assert (status, err) == (0, "")
        assert out.startswith("Side leg lift (exercise: side-leg-lift)")


def test_show_prints_every_entry_a_name_matches(run) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run("show", "fever")
    assert status == 0
    assert "Fever (symptom: fever)" in out


def test_show_unknown_prints_close_matches_and_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run("show", "clamshel")
    assert (status, out) == (2, "")
    assert err == "spinekb: no entry 'clamshel'; did you mean 'clamshell'?\n"


def test_search_lists_id_kind_and_name_in_ranked_order(run, mini: KnowledgeBase) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run("search", "side")
    assert status == 0
    expected = [(hit.id, hit.kind, hit.name) for hit in mini.search("side")]
    assert len(expected) >= 2
    printed = [line.split(None, 2) for line in out.splitlines()]
    assert [(ident, kind, name) for ident, kind, name in printed] == expected


def test_search_with_no_match(run) -> None:  # type: ignore[no-untyped-def]
    assert run("search", "xylophone") == (0, "Nothing matches 'xylophone'.\n", "")


def test_exercises_groups_results_by_chain_distance(run) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run("exercises", "--muscle-group", "abductors", "--chain", "2")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Exercises for abductors, and up to 2 links away along the kinetic chain:"
    assert lines.index("The target itself") < lines.index("2 links away")
    assert "  Heel raise [heel-raise]" in lines
    assert "      strengthening; trains Soleus (Ankle, 2 links away)" in lines
    assert "does not diagnose" in out


def test_exercises_by_muscle_and_region(run) -> None:  # type: ignore[no-untyped-def]
    assert "Wall squat [wall-squat]" in run("exercises", "--muscle", "quad")[1]
    assert "Clamshell [clamshell]" in run("exercises", "--muscle-group", "side", "hip", "muscles")[1]
    status, out, _ = run("exercises", "--region", "island")
    assert status == 0
    assert "none yet in the knowledge base." in out


def test_exercises_unknown_group_exits_2_with_suggestion(run) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run("exercises", "--muscle-group", "abducters")
    assert (status, out) == (2, "")
    assert "did you mean 'abductors'?" in err


def test_exercises_needs_a_target_and_a_sane_chain(run, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    for argv in (
        ["exercises"],
        ["exercises", "--muscle-group", "abductors", "--chain", "-1"],
        ["exercises", "--region", "hip", "--chain", "two"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    assert "expected a whole number, got 'two'" in capsys.readouterr().err


def test_red_flags_all_and_for_a_condition(run) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run("red-flags")
    assert status == 0
    assert out.splitlines()[0] == "Red flags, most urgent first:"
    assert "URGENT: get a medical review today" in out
    assert "points to: Test infection, Test strain; on its own, a moderate sign" in out
    assert "does not diagnose" in out
    status, out, _ = run("red-flags", "--condition", "bug", "in", "the", "back")
    assert out.splitlines()[0] == "Red flags for Test infection:"
    assert run("red-flags", "--condition", "nothing")[0] == 2


def test_list_a_kind(run) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run("list", "muscles")
    assert (status, out.split()) == (0, ["glute-med", "Glute", "med", "quad", "Quad", "soleus", "Soleus"])


def test_help_everywhere(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--help"],
        ["show", "--help"],
        ["search", "--help"],
        ["exercises", "--help"],
        ["red-flags", "--help"],
        ["screen", "--help"],
        ["plan", "--help"],
        ["list", "--help"],
    ):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 0
        assert "usage: spinekb" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"spinekb {spinekb.__version__}\n"


def test_broken_content_exits_1(monkeypatch: pytest.MonkeyPatch, tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from spinekb import _bundled
    from spinekb._content import packs

    (tmp_path / "topics.json").write_text("{", encoding="utf-8")
    monkeypatch.setattr(_bundled, "_bundled", None)
    monkeypatch.setattr(packs, "bundled_folder", lambda: tmp_path)
    assert main(["list", "topics"]) == 1
    assert "could not be loaded" in capsys.readouterr().err


def test_python_dash_m_runs_on_the_bundled_content() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "spinekb", "exercises", "--muscle-group", "hip-abductors", "--chain", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Exercises for hip abductors")
    assert "Banded side-lying leg lift [banded-side-lying-leg-lift]" in done.stdout


@pytest.fixture
def bundled(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run the command line against the bundled knowledge base; return (status, stdout, stderr)."""

    def call(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return call


def test_screen_prints_the_urgency_first_then_the_reasons(bundled) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = bundled("screen", "saddle", "numbness", "sciatica", "--age", "40")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "EMERGENCY: call emergency services or go to an emergency department now"
    assert lines.index("Red flags:") < lines.index("They point to (possibilities to check, not a diagnosis):")
    assert "  New saddle numbness [saddle-numbness]: emergency" in lines
    assert "Also reported, not red flags on their own: Sciatica." in out
    assert "does not diagnose" in out


def test_screen_options(bundled) -> None:  # type: ignore[no-untyped-def]
    out = bundled("screen", "weight", "loss", "--weeks", "6", "--severity", "severe")[1]
    assert out.startswith("SOON: ")
    assert "several weeks" in out
    out = bundled("screen", "weight", "loss", "--explained", "weight loss")[1]
    assert out.startswith("SELF-CARE: ")
    assert "Set aside (a harmless explanation was given):" in out
    assert bundled("screen", "back", "pain", "--age", "75")[1].startswith("SOON: ")


def test_screen_onset_and_severity_of_findings(bundled, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = bundled(
        "screen", "neurogenic", "claudication", "--onset", "pain in both legs=stable", "--age", "72"
    )
    assert status == 0
    assert out.startswith("SOON: ")
    assert "Pain in both legs (symptom, stable)" in out
    assert bundled("screen", "pain", "in", "both", "legs")[1].startswith("EMERGENCY: ")
    out = bundled("screen", "--onset", "leg weakness=stable", "--severity-of", "leg weakness=mild")[1]
    assert out.startswith("SOON: ")
    assert bundled("screen", "--onset", "leg weakness=stable")[1].startswith("URGENT: ")  # severity unknown
    with pytest.raises(SystemExit) as caught:
        main(["screen", "--onset", "leg weakness=sometimes"])
    assert caught.value.code == 2
    assert "expected FINDING=new|worsening|stable" in capsys.readouterr().err
    status, out, err = bundled("screen")
    assert (status, out) == (2, "")
    assert "name at least one finding" in err


def test_screen_json(bundled) -> None:  # type: ignore[no-untyped-def]
    import json

    status, out, _ = bundled("screen", "fever", "numbness", "--json")
    data = json.loads(out)
    assert (status, data["urgency"]) == (0, "emergency")
    assert data["red_flags"][0]["id"] == "fever-with-back-pain"


def test_screen_errors_exit_2(bundled) -> None:  # type: ignore[no-untyped-def]
    status, out, err = bundled("screen", "saddle", "numbnes")
    assert (status, out) == (2, "")
    assert "no symptom or red flag" in err
    status, _, err = bundled("screen", "fever", "--explained", "weight loss")
    assert status == 2
    assert "raised no red flag" in err
    with pytest.raises(SystemExit):
        main(["screen", "fever", "--weeks", "-2"])


def test_exercises_avoid_lists_what_was_left_out(bundled) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = bundled("exercises", "--region", "hip", "--avoid", "cauda equina syndrome")
    assert status == 0
    assert "none: every match is left out (see below)." in out
    assert "Cauda equina syndrome needs emergency medical care before any exercise programme" in " ".join(out.split())
    out = bundled("exercises", "--region", "hip", "--avoid", "nonspecific low back pain")[1]
    assert "Left out" not in out
    assert bundled("exercises", "--region", "hip", "--avoid", "nothing-like-this")[0] == 2


def test_plan_prints_weeks_and_the_safety_text(bundled) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = bundled("plan", "hip", "abductors", "--weeks", "2", "--sessions", "3")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Exercise plan for Hip abductors (muscle group)"
    assert "Week 1" in lines
    assert "Week 2" in lines
    assert "Week 3" not in lines
    assert "  Rest: Tuesday, Thursday, Saturday and Sunday." in lines
    assert "Stop and get checked: cautions for these exercises" in lines
    assert "does not diagnose" in out


def test_plan_options_and_json(bundled) -> None:  # type: ignore[no-untyped-def]
    import json

    status, out, _ = bundled("plan", "knee", "--json", "--chain", "0", "--minutes", "20", "--weeks", "3")
    data = json.loads(out)
    assert status == 0
    assert data["target"]["id"] == "knee"
    assert len(data["weeks"]) == 3
    assert all(day["minutes"] <= 20 for week in data["weeks"] for day in week["days"])


def test_plan_refused_exits_3(bundled) -> None:  # type: ignore[no-untyped-def]
    status, out, err = bundled("plan", "hip", "--avoid", "saddle numbness")
    assert (status, out) == (3, "")
    assert "seek care first" in err
    assert bundled("plan", "nowhere-at-all")[0] == 2
    assert bundled("plan", "hip", "--minutes", "0.1")[0] == 2


def test_export_to_stdout_and_to_files(bundled, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import sqlite3
    from contextlib import closing

    status, out, _ = bundled("export", "--format", "json")
    document = json.loads(out)
    assert (status, document["format"], document["data_version"]) == (0, "spinekb-content", spinekb.DATA_VERSION)
    schema = json.loads(bundled("export", "--format", "schema", "--kind", "red-flags")[1])
    assert schema["title"] == "RedFlag"
    graph = json.loads(bundled("export", "--format", "jsonld")[1])
    assert graph == spinekb.load().to_jsonld()
    database = tmp_path / "kb.db"
    status, out, _ = bundled("export", "--format", "sqlite", "--output", str(database))
    assert (status, out) == (0, f"wrote {database}\n")
    with closing(sqlite3.connect(database)) as connection:
        (count,) = connection.execute("SELECT COUNT(*) FROM red_flags").fetchone()
    assert count == len(spinekb.load().red_flags)
    assert bundled("export", "--format", "sqlite", "--output", str(database))[0] == 2  # exists: needs --replace
    assert bundled("export", "--format", "sqlite", "--output", str(database), "--replace")[0] == 0
    assert bundled("export", "--format", "csv")[0] == 2  # several files: needs --output
    status, out, _ = bundled("export", "--format", "jsonld", "--output", str(tmp_path / "kb.jsonld"))
    assert status == 0
    assert json.loads((tmp_path / "kb.jsonld").read_text(encoding="utf-8")) == graph


def test_number_options_name_their_unit(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, unit in (
        (["plan", "hip", "--minutes", "abc"], "minutes"),
        (["screen", "fever", "--weeks", "x"], "weeks"),
    ):
        with pytest.raises(SystemExit):
            main(argv)
        assert f"expected a number of {unit}, got" in capsys.readouterr().err


def test_search_keeps_the_kinds_asked_for(run, mini: KnowledgeBase) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run("search", "side", "--kind", "exercises")
    assert status == 0
    expected = [(hit.id, hit.kind, hit.name) for hit in mini.search("side", kind="exercises")]
    assert expected
    assert {kind for _, kind, _ in expected} == {"exercise"}
    assert [tuple(line.split(None, 2)) for line in out.splitlines()] == expected
    status, out, _ = run("search", "side", "--kind", "exercise", "--kind", "red-flags")
    assert status == 0
    assert {line.split(None, 2)[1] for line in out.splitlines()} <= {"exercise", "red-flag"}


def test_search_with_an_unknown_kind_names_the_close_ones(run) -> None:  # type: ignore[no-untyped-def]
    status, out, err = run("search", "side", "--kind", "exersizes")
    assert (status, out) == (2, "")
    assert "exercises" in err
    assert "Traceback" not in err
