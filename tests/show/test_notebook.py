"""Notebook use: HTML displays, pandas DataFrames and networkx graphs, and what they cost to import."""

from __future__ import annotations

import enum
import html
import itertools
import math
import subprocess
import sys
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

import spinekb
from spinekb import models
from spinekb._query.collection import Collection

CLINICAL = (models.Condition, models.RedFlag, models.Symptom, models.Treatment)
# Tags that would run code, load something from outside, or hide content.
FORBIDDEN_TAGS = {"script", "style", "link", "img", "iframe", "object", "embed", "details", "template", "svg"}
VOID_TAGS = {"br", "hr", "wbr"}


class Page(HTMLParser):
    """A strict reading of an HTML fragment: every element closed, in order, and nothing active."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.tags: list[str] = []
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attributes:
            if name.startswith("on") or name in {"src", "srcdoc"}:
                self.problems.append(f"{tag} {name}=")
            if name == "href" and not (value or "").startswith(("https://", "http://")):
                self.problems.append(f"href={value}")
            if name == "style" and "display: none" in (value or "").replace("display:none", "display: none"):
                self.problems.append("hidden element")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> does not close {self.open[-1:] or 'anything'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.chunks.append(" ".join(data.split()))

    @property
    def text(self) -> str:
        return " ".join(self.chunks)


class Tables(HTMLParser):
    """The tables of an HTML fragment, as rows of cell texts (tables are not nested)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in {"td", "th"}:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th"} and self.cell is not None:
            self.tables[-1][-1].append(" ".join(" ".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def tables(markup: str) -> list[list[list[str]]]:
    """The tables of ``markup``: rows of cell texts."""
    parsed = Tables()
    parsed.feed(markup)
    parsed.close()
    return parsed.tables


def page(markup: str) -> Page:
    """Parse ``markup``; fail unless it is one well-formed, inert element."""
    assert isinstance(markup, str)
    assert markup.startswith("<div")
    assert markup.endswith("</div>")
    parsed = Page()
    parsed.feed(markup)
    parsed.close()
    assert parsed.problems == []
    assert parsed.open == [], f"unclosed: {parsed.open}"
    return parsed


def words(text: str) -> str:
    return " ".join(text.split())


# --- records ---------------------------------------------------------------------------------------


def test_every_record_shows_as_well_formed_html_with_its_name_id_and_notice(kb: spinekb.KnowledgeBase) -> None:
    notice = html.escape(spinekb.NOTICE)
    for collection in kb.collections:
        for entry in collection:
            markup = entry._repr_html_()
            parsed = page(markup)
            assert html.escape(entry.name) in markup, entry.id
            assert html.escape(entry.id) in markup, entry.id
            assert words(entry.name) in parsed.text, entry.id
            assert words(entry.summary) in parsed.text, entry.id
            assert (notice in markup) == isinstance(entry, CLINICAL), entry.id


def test_red_flag_card_shows_its_urgency_and_every_modifier(kb: spinekb.KnowledgeBase) -> None:
    for flag in kb.red_flags:
        parsed = page(flag._repr_html_())
        assert flag.urgency.label in parsed.text
        for modifier in flag.modifiers:
            assert words(modifier.text) in parsed.text
        for statement in flag.evidence:
            assert words(statement.text) in parsed.text


def test_exercise_card_lists_its_steps_in_order_and_its_dose(kb: spinekb.KnowledgeBase) -> None:
    from spinekb._words import dosage_text

    exercise = next(iter(kb.exercises))
    parsed = page(exercise._repr_html_())
    positions = [parsed.text.index(words(step)) for step in exercise.steps]
    assert positions == sorted(positions)
    assert "ol" in parsed.tags
    assert words(dosage_text(exercise.dosage)) in parsed.text


def test_text_in_a_record_is_escaped(kb: spinekb.KnowledgeBase) -> None:
    attack = "<script>alert('x')</script>"
    flag = attrs.evolve(
        next(iter(kb.red_flags)),
        name=f"Evil {attack}",
        summary='"quoted" & <b>bold</b>',
        evidence=(models.Statement(text="<img src=x onerror=alert(1)>", sources=("a<b",)),),
    )
    markup = flag._repr_html_()
    parsed = page(markup)
    assert "<script" not in markup
    assert "<img" not in markup
    assert "<b>" not in markup
    assert html.escape(attack) in markup
    assert f"Evil {attack}" in parsed.text
    assert "<img src=x onerror=alert(1)>" in parsed.text
    assert '"quoted" & <b>bold</b>' in parsed.text
    collection = Collection(models.RedFlag, [flag])
    assert "<script" not in collection._repr_html_()
    assert f"Evil {attack}" in page(collection._repr_html_()).text


def test_a_link_is_only_made_of_a_web_address(kb: spinekb.KnowledgeBase) -> None:
    source = next(s for s in kb.sources if s.url)
    assert f'href="{html.escape(source.url or "")}"' in source._repr_html_()
    evil = attrs.evolve(source, url="javascript:alert(1)")
    markup = evil._repr_html_()
    assert "href" not in markup
    assert "javascript:alert(1)" in page(markup).text


# --- collections and the knowledge base -------------------------------------------------------------


def rows(markup: str) -> int:
    """The number of body rows of the (first) table."""
    return markup.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")


def test_a_large_collection_shows_fifty_rows_and_says_how_many_more(kb: spinekb.KnowledgeBase) -> None:
    base = next(iter(kb.exercises))
    many = Collection(models.Exercise, [attrs.evolve(base, id=f"exercise-{i:03d}") for i in range(73)])
    markup = many._repr_html_()
    parsed = page(markup)
    assert rows(markup) == 50
    assert "23 more" in parsed.text
    assert "50 of 73" in parsed.text
    assert "exercise-049" in parsed.text
    assert "exercise-050" not in parsed.text
    assert html.escape(spinekb.NOTICE) not in markup  # exercises are not clinical cards


def test_a_collection_of_fifty_or_fewer_shows_every_row(kb: spinekb.KnowledgeBase) -> None:
    base = next(iter(kb.exercises))
    fifty = Collection(models.Exercise, [attrs.evolve(base, id=f"exercise-{i:03d}") for i in range(50)])
    markup = fifty._repr_html_()
    assert rows(markup) == 50
    assert "more" not in page(markup).text
    conditions = kb.conditions._repr_html_()
    assert rows(conditions) == len(kb.conditions)
    assert html.escape(spinekb.NOTICE) in conditions
    for condition in kb.conditions:
        assert condition.urgency.label in page(conditions).text
    empty = Collection(models.Topic, [])
    assert "No entries" in page(empty._repr_html_()).text


def test_red_flags_are_never_cut_from_a_collection(kb: spinekb.KnowledgeBase) -> None:
    base = next(iter(kb.red_flags))
    flags = Collection(models.RedFlag, [attrs.evolve(base, id=f"flag-{i:03d}") for i in range(64)])
    markup = flags._repr_html_()
    assert rows(markup) == 64
    assert "more" not in page(markup).text
    assert html.escape(spinekb.NOTICE) in markup


def test_the_bundled_exercises_show_fifty_rows(kb: spinekb.KnowledgeBase) -> None:
    assert len(kb.exercises) > 50  # so that this test covers the cut
    markup = kb.exercises._repr_html_()
    assert rows(markup) == 50
    assert f"{len(kb.exercises) - 50} more" in page(markup).text


def test_knowledge_base_shows_its_data_version_and_counts(kb: spinekb.KnowledgeBase) -> None:
    parsed = page(kb._repr_html_())
    assert kb.data_version is not None
    assert kb.data_version in parsed.text
    for collection in kb.collections:
        assert f"{collection.kind} {len(collection)}" in parsed.text
    assert f"all {len(kb)}" in parsed.text


def test_kinetic_chain_shows_every_region_and_link(mini: spinekb.KnowledgeBase) -> None:
    parsed = page(mini.kinetic_chain._repr_html_())
    for region in mini.regions:
        assert region.name in parsed.text
    assert "hip Hip Knee, Pelvis island Island none knee Knee Ankle, Hip" in parsed.text


# --- answers ----------------------------------------------------------------------------------------


def test_exercise_matches_show_as_a_table_with_what_was_left_out(
    kb: spinekb.KnowledgeBase, mini: spinekb.KnowledgeBase
) -> None:
    matches = mini.exercises_for("abductors", avoid="test-strain")
    assert matches
    assert matches.left_out
    markup = matches._repr_html_()
    parsed = page(markup)
    assert rows(markup) == len(matches)
    for match in matches:
        assert html.escape(match.exercise.id) in markup
        assert words(match.why) in parsed.text
    assert "Left out" in parsed.text
    for left in matches.left_out:
        assert words(left.reason) in parsed.text
        assert left.exercise.name in parsed.text
    assert html.escape(spinekb.NOTICE) in markup  # it names a condition to avoid

    plain = kb.exercises_for("hip-abductors")
    assert "Left out" not in page(plain._repr_html_()).text
    assert html.escape(spinekb.NOTICE) not in plain._repr_html_()
    none_left = kb.exercises_for("hip-abductors", avoid="saddle-numbness")
    assert not none_left
    assert none_left.left_out
    parsed = page(none_left._repr_html_())
    assert "No exercise matches" in parsed.text
    assert f"Left out ({len(none_left.left_out)})" in parsed.text
    assert "No exercise matches" in page(spinekb.ExerciseMatches()._repr_html_()).text


def test_long_exercise_matches_show_fifty_rows(kb: spinekb.KnowledgeBase) -> None:
    matches = kb.exercises_for(region="hip", chain=8)
    many = spinekb.ExerciseMatches(matches * 3)
    assert len(many) > 50
    markup = many._repr_html_()
    assert rows(markup) == 50
    assert f"{len(many) - 50} more" in page(markup).text


SCREENINGS: list[tuple[list[str], dict[str, Any]]] = [
    (["saddle-numbness"], {}),
    (["fever", "history-of-cancer"], {"age": 70, "pain_severity": "severe", "pain_duration_weeks": 6}),
    (["unexplained-weight-loss", "night-or-rest-pain"], {"explained": ["unexplained-weight-loss"]}),
    (["back-pain"], {}),
    (["sciatica"], {}),
]


@pytest.mark.parametrize(("findings", "options"), SCREENINGS, ids=["+".join(f) for f, _ in SCREENINGS])
def test_screening_shows_the_urgency_first_and_hides_nothing(
    kb: spinekb.KnowledgeBase, findings: list[str], options: dict[str, Any]
) -> None:
    from spinekb._words import SCREENING_HEADINGS as HEADINGS

    screening = kb.screen(findings, **options)
    markup = screening._repr_html_()
    parsed = page(markup)
    assert parsed.chunks[0] == HEADINGS[screening.urgency]
    for flag in (*screening.red_flags, *screening.set_aside):
        assert flag.red_flag.name in parsed.text
        assert flag.red_flag.id in parsed.text
        assert parsed.text.index(flag.red_flag.name) > len(HEADINGS[screening.urgency])
    for sign in (*screening.emergency_signs, *screening.emergency_symptoms):
        assert sign.name in parsed.text
        assert sign.id in parsed.text
    for item in screening.conditions:
        assert item.condition.name in parsed.text
    for statement in screening.advice:
        assert words(statement.text) in parsed.text
        assert all(source in parsed.text for source in statement.sources)
    assert parsed.chunks[-1] == words(screening.notice)
    if screening.set_aside:
        assert "Set aside" in parsed.text
        counted_at = parsed.text.find("counted)")
        assert counted_at == -1 or counted_at < parsed.text.index("Set aside")


def test_screening_cases_cover_every_part(kb: spinekb.KnowledgeBase) -> None:
    screenings = [kb.screen(findings, **options) for findings, options in SCREENINGS]
    assert any(s.set_aside for s in screenings)
    assert any(s.conditions for s in screenings)
    assert any(not s.red_flags for s in screenings)
    assert {s.urgency for s in screenings} == set(models.Urgency)


def test_screening_and_plan_reprs_are_short(kb: spinekb.KnowledgeBase) -> None:
    screening = kb.screen(["saddle-numbness"])
    assert repr(screening) == "<Screening: emergency, 1 red flag counted, 0 set aside>"
    plan = kb.plan("hip-abductors")
    assert repr(plan).startswith("<Plan for 'hip-abductors': 3 sessions a week for 4 weeks, ")
    assert len(repr(plan)) < 120


def test_plan_shows_every_week_item_rest_day_caution_and_the_notice(kb: spinekb.KnowledgeBase) -> None:
    plan = kb.plan("hip-abductors", weeks=5, avoid="spondylolisthesis", minutes=20)
    items = [item for week in plan.weeks for day in week.days for item in day.items]
    assert plan.avoided
    assert plan.cautions
    assert any(item.distance for item in items)
    assert html.escape(plan.avoided[0].name) in plan._repr_html_()
    short = kb.plan("hip-abductors", minutes=12)
    assert short.left_out
    for left in short.left_out:
        assert words(left.reason) in page(short._repr_html_()).text
    markup = plan._repr_html_()
    parsed = page(markup)
    sections = parsed.text.split("Week ")
    assert len(sections) == len(plan.weeks) + 1
    for week, section in zip(plan.weeks, sections[1:], strict=True):
        assert section.startswith(f"{week.number} ")
        for day in week.days:
            assert day.name[:3] in section
            for item in day.items:
                assert words(str(item)) in section
    week_tables = tables(markup)[: len(plan.weeks)]
    for week, table in zip(plan.weeks, week_tables, strict=True):
        header, *body, lengths = table
        assert header == ["exercise and dose", *(day.name[:3] for day in week.days)]
        assert lengths[1:] == ["rest" if day.rest else f"{math.ceil(day.minutes)} min" for day in week.days]
        shown = {item.exercise.id: item for day in week.days for item in day.items}
        assert len(body) == len(shown)
        for row, item in zip(body, shown.values(), strict=True):
            assert row[0].startswith(words(str(item)))
            assert row[1:] == ["\u2713" if item in day.items else "" for day in week.days]
    for caution in plan.cautions:
        assert words(caution.text) in parsed.text
    assert parsed.chunks[-1] == words(spinekb.NOTICE)


def test_plan_marks_a_harder_step_up(kb: spinekb.KnowledgeBase) -> None:
    plan = kb.plan("core", weeks=8)
    replaced = [item for week in plan.weeks for day in week.days for item in day.items if item.replaces]
    assert replaced  # so that the marker is covered
    parsed = page(plan._repr_html_())
    assert f"a harder step up from {replaced[0].replaces.name}" in parsed.text  # type: ignore[union-attr]


# --- pandas -----------------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """What a DataFrame cell should hold for a field value: enums by value, records as dicts."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if attrs.has(type(value)):
        return {name: plain(item) for name, item in attrs.asdict(value, recurse=False).items()}
    return value


def test_dataframes_have_a_row_per_entry_and_a_column_per_field(kb: spinekb.KnowledgeBase) -> None:
    import pandas as pd

    for collection in kb.collections:
        cls = type(next(iter(collection)))
        frame = kb.to_dataframe(f"{collection.kind}s")
        assert isinstance(frame, pd.DataFrame)
        assert len(frame) == len(collection)
        names = [field.name for field in attrs.fields(cls)]
        assert list(frame.columns) == names
        assert list(frame["id"]) == list(collection.ids)
        for index, entry in enumerate(collection):
            row = {name: frame.at[index, name] for name in names}
            assert row == {name: plain(getattr(entry, name)) for name in names}, entry.id


def test_dataframe_values_are_plain_python(kb: spinekb.KnowledgeBase) -> None:

    frame = kb.exercises.to_dataframe()
    first = next(iter(kb.exercises))
    assert frame.at[0, "exercise_kind"] == first.exercise_kind.value
    assert type(frame.at[0, "exercise_kind"]) is str
    assert frame.at[0, "steps"] == first.steps
    assert isinstance(frame.at[0, "steps"], tuple)
    dosage = frame.at[0, "dosage"]
    assert isinstance(dosage, dict)
    assert dosage["sessions_per_week"] == attrs.asdict(first.dosage.sessions_per_week)
    sources = kb.to_dataframe(models.Source)
    missing = [value for value in sources["year"] if value is None]
    assert len(missing) == sum(source.year is None for source in kb.sources)


def test_kind_names_and_classes_give_the_same_dataframe(kb: spinekb.KnowledgeBase) -> None:
    import pandas as pd

    expected = kb.red_flags.to_dataframe()
    for kind in ("red-flags", "red_flags", "red-flag", " Red Flags ", models.RedFlag):
        pd.testing.assert_frame_equal(kb.to_dataframe(kind), expected)
    with pytest.raises(ValueError, match="red-flags"):
        kb.to_dataframe("red-herrings")
    with pytest.raises(ValueError, match="CitedEntry"):
        kb.to_dataframe(models.CitedEntry)
    with pytest.raises(TypeError, match="kind must be"):
        kb.to_dataframe(3)  # type: ignore[arg-type]


def test_an_empty_collection_gives_an_empty_dataframe_with_every_column() -> None:

    frame = Collection(models.Topic, []).to_dataframe()
    assert len(frame) == 0
    assert list(frame.columns) == [field.name for field in attrs.fields(models.Topic)]


def test_exercise_matches_dataframe_equals_the_matches(kb: spinekb.KnowledgeBase) -> None:
    from spinekb._show.frames import MATCH_COLUMNS

    matches = kb.exercises_for("hip-abductors", chain=2)
    frame = matches.to_dataframe()
    assert list(frame.columns) == list(MATCH_COLUMNS)
    assert len(frame) == len(matches)
    for index, match in enumerate(matches):
        dosage = match.exercise.dosage
        assert frame.at[index, "exercise_id"] == match.exercise.id
        assert frame.at[index, "exercise"] == match.exercise.name
        assert frame.at[index, "muscle_id"] == (None if match.muscle is None else match.muscle.id)
        assert frame.at[index, "region_id"] == match.region.id
        assert frame.at[index, "distance"] == match.distance
        assert frame.at[index, "role"] == (None if match.role is None else match.role.value)
        assert frame.at[index, "membership"] == (None if match.membership is None else match.membership.value)
        assert frame.at[index, "primary"] == match.primary
        assert frame.at[index, "why"] == match.why
        assert frame.at[index, "sets"] == dosage.sets.start
        assert frame.at[index, "per_side"] == dosage.per_side
        assert frame.at[index, "repetitions"] == (None if dosage.repetitions is None else str(dosage.repetitions))
        assert frame.at[index, "sessions_per_week"] == str(dosage.sessions_per_week)
    empty = spinekb.ExerciseMatches().to_dataframe()
    assert len(empty) == 0
    assert list(empty.columns) == list(MATCH_COLUMNS)


def test_dataframes_without_pandas_name_the_extra(kb: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    calls = [
        lambda: kb.to_dataframe("exercises"),
        kb.muscles.to_dataframe,
        kb.exercises_for("hip-abductors").to_dataframe,
    ]
    for call in calls:
        with pytest.raises(ImportError, match=r"pip install 'spinekb\[pandas\]'") as caught:
            call()
        assert isinstance(caught.value, spinekb.SpineKBError)
        assert caught.value.name == "pandas"


# --- networkx ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["kb", "mini"])
def test_chain_graph_has_the_regions_and_links_and_the_same_distances(
    which: str, request: pytest.FixtureRequest
) -> None:
    import networkx as nx

    base: spinekb.KnowledgeBase = request.getfixturevalue(which)
    chain = base.kinetic_chain
    graph = chain.to_networkx()
    assert isinstance(graph, nx.Graph)
    assert not graph.is_directed()
    assert set(graph.nodes) == set(base.regions.ids)
    for region in base.regions:
        assert graph.nodes[region.id] == {"name": region.name, "kind": "region"}
    linked = {frozenset((region.id, link.region)) for region in base.regions for link in region.links}
    assert {frozenset(edge) for edge in graph.edges} == linked
    for region in base.regions:
        for link in region.links:
            assert set(link.sources) <= set(graph.edges[region.id, link.region]["sources"])
    for a, b in itertools.product(base.regions.ids, repeat=2):
        try:
            length = nx.shortest_path_length(graph, a, b)
        except nx.NetworkXNoPath:
            length = None
        assert length == chain.distance(a, b), (a, b)


def test_mini_chain_has_a_region_without_links(mini: spinekb.KnowledgeBase) -> None:

    graph = mini.kinetic_chain.to_networkx()
    assert graph.degree("island") == 0  # so that the test above covers an unreachable region


def test_knowledge_graph_adds_muscle_groups_linked_to_their_muscles_regions(kb: spinekb.KnowledgeBase) -> None:
    import networkx as nx

    graph = kb.graph()
    assert set(graph.nodes) == set(kb.regions.ids) | set(kb.muscle_groups.ids)
    chain = kb.kinetic_chain.to_networkx()
    assert nx.utils.edges_equal(graph.subgraph(kb.regions.ids).edges, chain.edges)
    for group in kb.muscle_groups:
        assert graph.nodes[group.id] == {"name": group.name, "kind": "muscle-group"}
        muscles = kb.muscles_in(group)
        assert set(graph.neighbors(group.id)) == {muscle.region for muscle in muscles}
        for region in graph.neighbors(group.id):
            edge = graph.edges[group.id, region]
            assert edge["kind"] == "muscles"
            assert edge["muscles"] == tuple(sorted(m.id for m in muscles if m.region == region))


def test_graphs_without_networkx_name_the_extra(kb: spinekb.KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)
    for call in (kb.kinetic_chain.to_networkx, kb.graph):
        with pytest.raises(ImportError, match=r"pip install 'spinekb\[networkx\]'") as caught:
            call()
        assert isinstance(caught.value, spinekb.SpineKBError)


# --- import cost ------------------------------------------------------------------------------------


def test_importing_spinekb_loads_no_notebook_code() -> None:
    probe = """
import sys
heavy = ("pandas", "networkx", "matplotlib", "numpy", "spinekb._show.html", "spinekb._show.frames")
import spinekb
kb = spinekb.load()
repr(kb); repr(kb.exercises); str(kb.exercises["bird-dog"]) if "bird-dog" in kb.exercises else None
print(sorted(m for m in heavy if m in sys.modules))
kb._repr_html_()
print(sorted(m for m in heavy if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["[]", "['spinekb._show.html']"]


def test_query_answers_show_as_tables_and_frames(kb: spinekb.KnowledgeBase) -> None:
    from spinekb import Entries

    for answer in (
        kb.treatments_for("lumbar disc herniation"),
        kb.red_flags_for("cauda equina syndrome"),
        kb.conditions_for("fever-with-back-pain"),
        kb.muscles_in("hip-abductors"),
        kb.sources_of(kb.exercises["glute-bridge"]),
        kb.search("hip"),
        kb.find("sciatica"),
    ):
        assert isinstance(answer, Entries)
        assert isinstance(answer, tuple)
        page = answer._repr_html_()
        for entry in answer:
            assert html.escape(entry.name) in page
        frame = answer.to_dataframe()
        assert list(frame["id"]) == [entry.id for entry in answer]
    mixed = kb.search("hip")
    assert len({entry.kind for entry in mixed}) > 1
    assert mixed.kind == "entry"
    assert list(mixed.to_dataframe().columns) == ["id", "name", "aliases", "summary"]
    assert kb.red_flags_for("cauda equina syndrome").kind == "red-flag"
    assert html.escape(spinekb.NOTICE) in kb.red_flags_for("cauda equina syndrome")._repr_html_()
