"""spinekb's benchmarks: start-up, loading, queries and memory, as ratios to references.

    python benchmarks/run.py [--quick] [--output docs/performance.md]

Every figure that has a goal is a ratio to a reference measured in the same run (a bare
``import attrs, cattrs``, ``json.load`` of the same files, pycountry's first look-up), so it holds
on a noisy machine. ``--quick`` skips the 100,000-entry pack and takes fewer samples.

Before timing start-up it compiles spinekb's bytecode, as ``pip install`` does for an installed
copy (and did for attrs, cattrs and pycountry here). Without it, a source checkout on a machine
that sets ``PYTHONDONTWRITEBYTECODE`` recompiles spinekb in every fresh interpreter, about 18 ms
that no installed copy pays.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import gc
import itertools
import json
import pathlib
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import importlib_resources
from synthetic import make_pack

import spinekb
from spinekb import KnowledgeBase
from spinekb._bundled import read_bundled
from spinekb._query.collection import Collection

PYTHON = sys.executable
FIRST_QUERY = "import spinekb; spinekb.exercises_for('hip-abductors', chain=1)"
SNIPPETS = {
    "bare interpreter": "pass",
    "import attrs, cattrs": "import attrs, cattrs",
    "import spinekb": "import spinekb",
    "import spinekb + first query": FIRST_QUERY,
    "pycountry first look-up": "import pycountry; pycountry.countries.get(alpha_2='DE')",
}


def wall_ms(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([PYTHON, "-c", code], check=True)
    return (time.perf_counter() - start) * 1000


def startup(rounds: int) -> dict[str, float]:
    """Median wall time of each snippet in a fresh interpreter, the snippets interleaved."""
    available = {
        name: code for name, code in SNIPPETS.items() if name != "pycountry first look-up" or _has("pycountry")
    }
    samples: dict[str, list[float]] = {name: [] for name in available}
    for code in available.values():
        wall_ms(code)  # warm the page cache and the .pyc files
    for _ in range(rounds):
        for name, code in available.items():
            samples[name].append(wall_ms(code))
    return {name: statistics.median(times) for name, times in samples.items()}


def _has(module: str) -> bool:
    return subprocess.run([PYTHON, "-c", f"import {module}"], capture_output=True, check=False).returncode == 0


def best_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def json_floor(folder: pathlib.Path) -> None:
    for path in sorted(folder.glob("*.json")):
        json.loads(path.read_bytes())


def json_floor_paused(folder: pathlib.Path) -> None:
    """:func:`json_floor` with the garbage collector paused, as the loader pauses it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        json_floor(folder)
    finally:
        if enabled:
            gc.enable()


def checked_load(folder: pathlib.Path) -> KnowledgeBase:
    """Load and check: every entry structured, every whole-content check, the look-up index."""
    return KnowledgeBase.from_path(folder)


def bundled_load() -> KnowledgeBase:
    """What ``spinekb.load()`` does, and then what the first uses of every kind do: the bundled
    files, checks skipped when their fingerprint matches, every kind structured."""
    kb = read_bundled()
    for collection in kb.collections:
        collection._structure()
    return kb


def bundled_load_alone() -> KnowledgeBase:
    """``spinekb.load()`` alone: the bundled files read and fingerprinted, each kind left to be
    structured on its first use (the regions are, for the kinetic chain)."""
    return read_bundled()


def full_load(folder: pathlib.Path) -> KnowledgeBase:
    """Load, check and build every index a query uses (search, look-up, muscles to exercises)."""
    kb = KnowledgeBase.from_path(folder)
    kb.exercises.lookup(next(iter(kb.exercises)).name)
    kb.search("hip")
    kb.exercises_for("hip-abductors", chain=2)
    return kb


def queries(kb: KnowledgeBase) -> dict[str, float]:
    """Microseconds per call, best of several timings."""
    some = next(iter(kb.exercises))
    # Two findings: a symptom that triggers a red flag, and another red flag by id.
    triggered = next(flag for flag in kb.red_flags if flag.triggers and flag.triggers[0].symptoms)
    other = next(flag for flag in kb.red_flags if flag.id != triggered.id)
    findings = [triggered.triggers[0].symptoms[0], other.id]
    cases: dict[str, Callable[[], object]] = {
        "get (by id)": lambda: kb.exercises.get(some.id),
        "lookup (by name)": lambda: kb.exercises.lookup(some.name),
        "search": lambda: kb.search("hip stretch"),
        "exercises_for chain=0": lambda: kb.exercises_for("hip-abductors"),
        "exercises_for chain=1": lambda: kb.exercises_for("hip-abductors", chain=1),
        "exercises_for chain=2": lambda: kb.exercises_for("hip-abductors", chain=2),
        "screen (2 findings)": lambda: kb.screen(findings),
        "plan (4 weeks, chain=1)": lambda: kb.plan("hip-abductors"),
    }
    results = {}
    for name, call in cases.items():
        call()
        number, _ = timeit.Timer(call).autorange()
        results[name] = min(timeit.Timer(call).repeat(repeat=3, number=number)) / number * 1e6
    return results


#: The typo look-ups of the scaling table: the same misspellings of bundled names at every size.
TYPO = "glute bridg"
MISSPELT_FINDING = "sadle numbness"


def typo_queries(kb: KnowledgeBase) -> dict[str, float]:
    """Milliseconds per call of the queries that suggest near spellings, best of several timings
    (the spelling index is built by a first call, as the first typo of a service builds it)."""

    def lookup() -> object:
        try:
            return kb.exercises.lookup(TYPO)
        except spinekb.UnknownEntryError as error:
            return error.suggestions

    def screen() -> object:
        try:
            return kb.screen([MISSPELT_FINDING])
        except spinekb.UnknownEntryError as error:
            return error.suggestions

    cases: dict[str, Callable[[], object]] = {
        f"`exercises.lookup({TYPO!r})` (a typo)": lookup,
        f"`screen([{MISSPELT_FINDING!r}])` (one finding misspelt)": screen,
        f"`kb.suggest({TYPO!r})`": lambda: kb.suggest(TYPO),
    }
    return {name: per_call_us(call) / 1e3 for name, call in cases.items()}


#: The searches of the scaling table, each with the kind asked for (None: every kind).
SEARCHES: tuple[tuple[str, str | None], ...] = (
    ("deep hold", None),
    ("deep hold", "exercises"),
    ("hip stretch", None),
    ("glute bridge", None),
)


def search_queries(kb: KnowledgeBase) -> dict[str, tuple[float, int, int]]:
    """Milliseconds per call of the searches (limit 10), best of several timings, with the size
    of the answer and the number of matches (``limit=None``). The search index of each kind is
    built by a first call, as a service's first search builds it."""
    results = {}
    for text, kind in SEARCHES:
        label = f"`search({text!r})`" if kind is None else f"`search({text!r}, kind={kind!r})`"

        def call(text: str = text, kind: str | None = kind) -> object:
            return kb.search(text, kind=kind)

        answer = len(kb.search(text, kind=kind))
        matches = len(kb.search(text, limit=None, kind=kind))
        results[label] = (per_call_us(call) / 1e3, answer, matches)
    return results


def search_table(kbs: dict[str, KnowledgeBase]) -> list[str]:
    """The search scaling table: each search at every size, against the shipped content."""
    scaling = {label: search_queries(kb) for label, kb in kbs.items()}
    lines = ["| search | " + " | ".join(f"{label} ms | answer / matches | ratio" for label in scaling) + " |"]
    lines += ["|---|" + "---:|---:|---:|" * len(scaling)]
    shipped = scaling["shipped"]
    for name in shipped:
        cells = " | ".join(
            f"{m[name][0]:.3f} | {m[name][1]} / {m[name][2]:,} | **{m[name][0] / shipped[name][0]:.1f}x**"
            for m in scaling.values()
        )
        lines.append(f"| {name} | {cells} |")
    return lines


# A message of the kind people type, repeated to the length measured.
MESSAGE = (
    "my back has been killing me for 3 weeks and now i cant pee properly, no fever or chills "
    "but my mum had cancer, im 62 and my legs feel weak, pain is 8/10 and worse at night"
)


def reading(kb: KnowledgeBase) -> dict[str, float]:
    """Milliseconds to read free text (``findings_in``) of several lengths, best of several
    timings, and to compile the lexicon on a knowledge base's first reading."""
    from spinekb._reading.lexicon import _CACHE

    words = MESSAGE.split()
    texts = {n: " ".join((words * (n // len(words) + 1))[:n]) for n in (100, 1_000, 10_000)}

    def first() -> object:
        _CACHE.pop(kb, None)
        return kb.findings_in("x")

    results = {"first reading (compiles the lexicon)": best_ms(first, 5)}
    for count, text in texts.items():
        results[f"findings_in, {count:,} words"] = best_ms(lambda text=text: kb.findings_in(text), 5)  # type: ignore[misc]
    results["screen_text, 1,000 words"] = best_ms(lambda: kb.screen_text(texts[1_000]), 5)
    return results


def memory_per_entry(folder: pathlib.Path) -> tuple[float, float]:
    """Resident memory added by loading the folder, in MiB and in bytes per entry (fresh process)."""
    probe = f"""
import gc, re
def rss():
    return int(re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) * 1024
import spinekb
from spinekb import KnowledgeBase
gc.collect(); before = rss()
kb = KnowledgeBase.from_path({str(folder)!r})
gc.collect(); after = rss()
print(after - before, sum(len(c) for c in kb.collections))
"""
    out = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    added, entries = int(out[0]), int(out[1])
    return added / 2**20, added / entries


def live_memory_per_entry(folder: pathlib.Path) -> float:
    """Bytes per entry that the loaded knowledge base keeps allocated (``tracemalloc``, after a
    full collection; fresh process): what the records, strings and indexes built at load hold,
    without the allocator's and the interpreter's own overheads that the resident size includes."""
    probe = f"""
import gc, tracemalloc
import spinekb
from spinekb import KnowledgeBase
gc.collect(); tracemalloc.start()
kb = KnowledgeBase.from_path({str(folder)!r})
gc.collect()
print(tracemalloc.get_traced_memory()[0], sum(len(c) for c in kb.collections))
"""
    out = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]) / int(out[1])


def _bind(action: Callable[[pathlib.Path], object], folder: pathlib.Path) -> Callable[[], object]:
    return lambda: action(folder)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-entry pack, fewer samples")
    parser.add_argument("--output", type=pathlib.Path, help="write the Markdown report here")
    args = parser.parse_args()

    bundled = pathlib.Path(str(importlib_resources.files("spinekb") / "data"))
    compileall.compile_dir(pathlib.Path(spinekb.__file__).parent, quiet=1)
    sizes = [10_000] if args.quick else [10_000, 100_000]
    work = pathlib.Path(tempfile.mkdtemp(prefix="spinekb-bench-"))
    folders = {"shipped": bundled}
    for size in sizes:
        folder = work / str(size)
        make_pack(folder, size)
        folders[f"{size:,} synthetic"] = folder

    lines = [
        f"Measured by `python benchmarks/run.py` on {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, data {spinekb.DATA_VERSION}. Absolute times drift between runs; the ratios, "
        "measured against references in the same run, are what the goals apply to.",
        "",
        "## Start-up (fresh interpreter, median wall time)",
        "",
        "| snippet | ms |",
        "|---|---:|",
    ]
    start = startup(rounds=5 if args.quick else 15)
    lines += [f"| `{name}` | {ms:.1f} |" for name, ms in start.items()]
    ratio = start["import spinekb + first query"] / start["import attrs, cattrs"]
    lines += ["", f"- First query against `import attrs, cattrs`: **{ratio:.2f}x** (goal: at most 1.25x)."]
    if "pycountry first look-up" in start:
        versus = start["import spinekb + first query"] / start["pycountry first look-up"]
        lines.append(f"- First query against pycountry's first look-up: **{versus:.2f}x** (goal: below 1x).")
    lines += [
        "",
        "## Loading (against `json.load` of the same files; goal: load and check at 10,000 entries at most",
        "4x `json.load` with the collector paused)",
        "",
        "*Load and check* is `KnowledgeBase.from_path`: every entry structured strictly, every",
        "whole-content check, and the look-up index (which the name checks produce); it pauses the",
        "garbage collector while it builds. *Ready for every query* adds the indexes built on first",
        "use: the search index and muscles to exercises. *json.load, paused* is `json.load` with the",
        "collector paused too, the floor the goal is measured against; *json.load* lets it run.",
        "",
        "| content | entries | json.load ms | json.load, paused ms | load and check ms | ratio to paused "
        "| ready for every query ms | ratio to paused |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    kbs = {}
    for label, folder in folders.items():
        repeat = 1 if "100,000" in label else 5
        running = best_ms(_bind(json_floor, folder), repeat)
        floor = best_ms(_bind(json_floor_paused, folder), repeat)
        checked = best_ms(_bind(checked_load, folder), repeat)
        ours = best_ms(_bind(full_load, folder), repeat)
        kbs[label] = full_load(folder)
        entries = sum(len(c) for c in kbs[label].collections)
        lines.append(
            f"| {label} | {entries:,} | {running:.1f} | {floor:.1f} | {checked:.1f} | **{checked / floor:.1f}x** "
            f"| {ours:.1f} | **{ours / floor:.1f}x** |"
        )
        if label == "shipped":
            trusted = best_ms(bundled_load, repeat)
            lines.append(
                f"| shipped, as `spinekb.load()` reads it (fingerprint matches: structure checked, "
                f"whole-content checks skipped), every kind then used | {entries:,} | {running:.1f} | {floor:.1f} "
                f"| {trusted:.1f} | **{trusted / floor:.1f}x** | | |"
            )
            alone = best_ms(bundled_load_alone, repeat)
            lines.append(
                f"| shipped, `spinekb.load()` alone (each kind structured on its first use) | {entries:,} "
                f"| {running:.1f} | {floor:.1f} | {alone:.1f} | **{alone / floor:.1f}x** | | |"
            )
    lines += ["", "## Queries (microseconds per call)", ""]
    measured = {
        label: queries(kb) for label, kb in kbs.items() if label == "shipped" or "100,000" in label or args.quick
    }
    header = " | ".join(measured)
    lines += [f"| query | {header} |", "|---|" + "---:|" * len(measured)]
    for name in next(iter(measured.values())):
        lines.append(f"| {name} | " + " | ".join(f"{m[name]:.1f}" for m in measured.values()) + " |")
    lines += [
        "",
        "## Suggestions for typos (milliseconds per call; goal: 100,000 entries within 5x shipped)",
        "",
        "Each row is the same misspelling of a bundled name at every size; the synthetic packs hold",
        "no entry close to it, so the answer is the bundled content's suggestions or none.",
        "",
    ]
    scaling = {label: typo_queries(kb) for label, kb in kbs.items()}
    lines += ["| query | " + " | ".join(f"{label} ms | ratio" for label in scaling) + " |"]
    lines += ["|---|" + "---:|---:|" * len(scaling)]
    shipped = scaling["shipped"]
    for name in shipped:
        cells = " | ".join(f"{m[name]:.3f} | **{m[name] / shipped[name]:.1f}x**" for m in scaling.values())
        lines.append(f"| {name} | {cells} |")
    lines += [
        "",
        "## Search (milliseconds per call, 10 returned; goal: 100,000 entries within 5x shipped)",
        "",
        "The answer is the 10 best of the matches; the synthetic summaries hold the words of",
        "`deep hold`, so nearly every synthetic entry matches it.",
        "",
    ]
    lines += search_table(kbs)
    lines += ["", "## Reading free text (shipped content, milliseconds; goal: 1,000 words well under 10)", ""]
    lines += ["| what | ms |", "|---|---:|"]
    lines.extend(f"| {name} | {ms:.2f} |" for name, ms in reading(kbs["shipped"]).items())
    lines += [
        "",
        "## Memory (added by loading, fresh process; goal: live at most 2,000 bytes an entry at 10,000)",
        "",
        "*Resident* is the process's resident size added by the load; *live* is what the loaded",
        "knowledge base keeps allocated, traced by `tracemalloc` after a full collection.",
        "",
        "| content | resident MiB | resident bytes per entry | live bytes per entry |",
        "|---|---:|---:|---:|",
    ]
    for label, folder in folders.items():
        mib, per = memory_per_entry(folder)
        lines.append(f"| {label} | {mib:.1f} | {per:,.0f} | {live_memory_per_entry(folder):,.0f} |")
    lines += issue17_report(kbs, folders)
    report = "\n".join(lines) + "\n"
    print(report)
    if args.output:
        write_figures(args.output, report)
    return 0


# --- issue 17: indexed look-ups, the garbage collector, the service loop ---------------------------


def per_call_us(call: Callable[[], object]) -> float:
    """Microseconds per call, best of three timings of an automatically sized batch."""
    call()
    number, _ = timeit.Timer(call).autorange()
    return min(timeit.Timer(call).repeat(repeat=3, number=number)) / number * 1e6


def scaling(kb: KnowledgeBase) -> list[tuple[str, str, float | None, float]]:
    """Each indexed query: (query, answer size, before µs or None when unchanged, after µs).

    "Before" is the plain scan the index replaced (``benchmarks/reference.py``), timed in the same
    run: for ``plan``, choosing from a full sort of every match (the choosing alone, before the
    lazy walk); for the walk, taking the first ten of the whole answer.
    """
    reference = _reference()
    condition = next((c for c in kb.conditions if 2 <= len(kb.treatments_for(c)) <= 3), next(iter(kb.conditions)))
    pointed = next((c for c in kb.conditions if c.red_flags), condition)
    flag = next(f for f in kb.red_flags if f.conditions)
    symptom = next(s for s in kb.symptoms if kb.red_flags_triggered_by(s))
    triggered = next(f for f in kb.red_flags if f.triggers and f.triggers[0].symptoms)
    other = next(f for f in kb.red_flags if f.id != triggered.id)
    findings = [triggered.triggers[0].symptoms[0], other.id]
    screening = kb.screen([], age=40)
    plan = kb.plan("hip-abductors")
    abductors = kb.muscle_groups["hip-abductors"]
    girdle = kb.conditions.get("pregnancy-related-pelvic-girdle-pain") or next(iter(kb.conditions))
    rows: list[tuple[str, str, float | None, float]] = [
        (
            "treatments_for",
            f"{len(kb.treatments_for(condition))} treatments",
            per_call_us(lambda: reference.treatments_for_by_scan(kb, condition)),
            per_call_us(lambda: kb.treatments_for(condition)),
        ),
        (
            "red_flags_for",
            f"{len(kb.red_flags_for(pointed))} red flags",
            None,
            per_call_us(lambda: kb.red_flags_for(pointed)),
        ),
        (
            "conditions_for",
            f"{len(kb.conditions_for(flag))} conditions",
            None,
            per_call_us(lambda: kb.conditions_for(flag)),
        ),
        (
            "red_flags_triggered_by (screening's look-up)",
            f"{len(kb.red_flags_triggered_by(symptom))} red flags",
            None,
            per_call_us(lambda: kb.red_flags_triggered_by(symptom)),
        ),
        (
            "screen (2 findings)",
            f"{len(kb.screen(findings).red_flags)} red flags",
            None,
            per_call_us(lambda: kb.screen(findings)),
        ),
        (
            "plan (hip-abductors, 4 weeks, chain=1)",
            f"{len(plan.exercises)} exercises, {len(plan.left_out)} left out",
            per_call_us(lambda: reference.plan_choice_by_sorting(kb, abductors, 3, 1, ())),
            per_call_us(lambda: kb.plan("hip-abductors").to_dict()),
        ),
        (
            "walk_exercises_for (hip-abductors, chain=1), first 10",
            f"10 of {len(kb.exercises_for('hip-abductors', chain=1)):,} matches",
            per_call_us(lambda: kb.exercises_for("hip-abductors", chain=1)[:10]),
            per_call_us(lambda: list(itertools.islice(kb.walk_exercises_for("hip-abductors", chain=1), 10))),
        ),
        (
            "ruled_out (pregnancy-related pelvic girdle pain)",
            f"{len(kb.ruled_out(girdle))} exercises",
            per_call_us(lambda: reference.ruled_out_by_scan(kb, (girdle,))),
            per_call_us(lambda: kb.ruled_out(girdle)),
        ),
        (
            "plan(screening=...)",
            f"{len(kb.plan('hip-abductors', screening=screening).exercises)} exercises",
            None,
            per_call_us(lambda: kb.plan("hip-abductors", screening=screening)),
        ),
    ]
    return rows


def _reference() -> Any:
    import reference

    return reference


def first_collection(folder: pathlib.Path, freeze: bool) -> tuple[int, float]:
    """Objects the collector tracks after loading ``folder``, and the first full collection's
    milliseconds after it (fresh process; ``freeze`` passes ``freeze=True`` to the load)."""
    probe = f"""
import gc, time
from spinekb import KnowledgeBase
kb = KnowledgeBase.from_path({str(folder)!r}, freeze={freeze!r})
tracked = len(gc.get_objects())
start = time.perf_counter(); gc.collect(); ms = (time.perf_counter() - start) * 1000
print(tracked, ms)
"""
    out = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1])


def _typo(rng: random.Random, name: str) -> str:
    """``name`` with one letter dropped, doubled or changed."""
    at = rng.randrange(len(name))
    edit = rng.choice(("drop", "double", "change"))
    if edit == "drop":
        return name[:at] + name[at + 1 :]
    if edit == "double":
        return name[:at] + name[at] + name[at:]
    letter = rng.choice([c for c in "aeiourstnl" if c != name[at].lower()])
    return name[:at] + letter + name[at + 1 :]


def _find_or_suggest(collection: Collection[Any], text: str) -> object:
    """What a service does with what someone typed: the entry, or else close matches."""
    return collection.find(text) or collection.suggest(text)


def _screen(kb: KnowledgeBase, findings: list[str], age: int | None) -> object:
    """A screening as a service makes it: findings at odds with the age are answered with the error."""
    try:
        return kb.screen(findings, age=age)
    except ValueError as error:
        return error


def _page(kb: KnowledgeBase, target: dict[str, Any], chain: int, size: int) -> list[Any]:
    """The first ``size`` matches of ``exercises_for``, as a service answering a page at a time."""
    return list(itertools.islice(kb.walk_exercises_for(**target, chain=chain), size))


def service_queries(
    kb: KnowledgeBase, count: int, seed: int = 17, page: int | None = None
) -> list[tuple[str, Callable[[], object]]]:
    """A service's mix, drawn from the content with a fixed seed: 30% look-ups by name (a third of
    them misspelt), 25% search, 20% screening, 25% ``exercises_for`` (with ``page``, the first
    ``page`` matches through ``walk_exercises_for`` instead of the whole answer)."""
    rng = random.Random(seed)
    collections: list[Collection[Any]] = [kb.exercises, kb.conditions, kb.symptoms, kb.red_flags, kb.treatments]
    findings = [*kb.symptoms.ids, *kb.red_flags.ids]
    targets: list[tuple[str, str]] = [
        *(("muscle_group", ident) for ident in kb.muscle_groups.ids),
        *(("muscle", ident) for ident in kb.muscles.ids),
        *(("region", ident) for ident in kb.regions.ids),
    ]
    made: list[tuple[str, Callable[[], object]]] = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.30:
            collection = rng.choice(collections)
            entry = collection[rng.choice(collection.ids)]
            if rng.random() < 1 / 3:
                text = _typo(rng, entry.name)
                made.append(("look-up, misspelt", functools.partial(_find_or_suggest, collection, text)))
            else:
                made.append(("look-up", functools.partial(collection.lookup, entry.name)))
        elif roll < 0.55:
            source = rng.choice(collections)
            words = f"{source[rng.choice(source.ids)].name} {source[rng.choice(source.ids)].summary}".split()
            text = " ".join(rng.sample(words, 2)).strip(".,:;()").lower()
            made.append(("search", functools.partial(kb.search, text)))
        elif roll < 0.75:
            chosen = rng.sample(findings, rng.choice((1, 2, 3)))
            age = rng.choice((None, 25, 40, 55, 70, 85))
            made.append(("screen", functools.partial(_screen, kb, chosen, age)))
        else:
            kind, ident = rng.choice(targets)
            chain = rng.choice((0, 1))
            target: dict[str, Any] = {kind: ident}
            if page is None:
                made.append(("exercises_for", functools.partial(kb.exercises_for, **target, chain=chain)))
            else:
                made.append(("exercises_for, a page", functools.partial(_page, kb, target, chain, page)))
    return made


def service_loop(kb: KnowledgeBase, count: int, page: int | None = None, refreeze: bool = False) -> dict[str, Any]:
    """Run the service mix once for warm-up (every index a query builds on first need is then
    built, as in a service that has been up a while) and once timed, one query after another on
    one core, the collector running as usual. With ``refreeze``, :func:`gc.freeze` is called
    again after the warm-up, as a service can once it has warmed up. Queries a second, p50 and
    p99 in ms, and each kind's share of the time."""
    queries = service_queries(kb, count, page=page)
    for _, call in queries:
        call()
    if refreeze:
        gc.freeze()
    times: list[float] = []
    spent: dict[str, float] = {}
    start = time.perf_counter()
    for kind, call in queries:
        began = time.perf_counter()
        call()
        took = time.perf_counter() - began
        times.append(took * 1000)
        spent[kind] = spent.get(kind, 0.0) + took
    total = time.perf_counter() - start
    times.sort()
    return {
        "queries": count,
        "qps": count / total,
        "p50": times[len(times) // 2],
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
        "worst": times[-1],
        "shares": {kind: seconds / total for kind, seconds in sorted(spent.items())},
    }


def service_loop_fresh(
    folder: pathlib.Path | None, count: int, page: int | None = None, refreeze: bool = False
) -> dict[str, Any]:
    """:func:`service_loop` in a fresh process that holds only this content, loaded as a service
    loads it: the bundled content by ``spinekb.load(freeze=True)`` (``folder`` ``None``), a pack
    by ``KnowledgeBase.from_path(folder, freeze=True)``."""
    load = "spinekb.load(freeze=True)" if folder is None else f"KnowledgeBase.from_path({str(folder)!r}, freeze=True)"
    probe = f"""
import json, sys
sys.path.insert(0, {str(pathlib.Path(__file__).parent)!r})
import spinekb
from spinekb import KnowledgeBase
from run import service_loop
kb = {load}
print(json.dumps(service_loop(kb, {count!r}, page={page!r}, refreeze={refreeze!r})))
"""
    out = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.splitlines()[-1]))


def issue17_report(kbs: dict[str, KnowledgeBase], folders: dict[str, pathlib.Path]) -> list[str]:
    """The report's sections on the indexed look-ups, the collector and the service loop."""
    lines = [
        "",
        "## Indexed look-ups: scaling (microseconds per call; goal: within 2x of shipped for answers of the same size)",
        "",
        "*Before* is the plain scan each index replaced (`benchmarks/reference.py`, timed in the same run);",
        "for `plan`, choosing from a full sort of every match as before the lazy walk (the choosing",
        "alone, so less than the whole plan cost then); for the walk, the first ten of the whole",
        "answer of `exercises_for`. A dash marks a query that already read an index. Each index is",
        "built on the query's first call, before timing: the first plan at 100,000 entries also",
        "builds the exercise indexes (see below).",
        "",
        "| query | content | answer | before µs | after µs |",
        "|---|---|---|---:|---:|",
    ]
    for label, kb in kbs.items():
        for query, answer, before, after in scaling(kb):
            shown = "—" if before is None else f"{before:,.1f}"
            lines.append(f"| {query} | {label} | {answer} | {shown} | **{after:,.1f}** |")
    lines += [
        "",
        "## The garbage collector after a load (fresh process, `KnowledgeBase.from_path`)",
        "",
        "`spinekb.load()` and `from_path` freeze the collector only on request (`freeze=True`).",
        "Frozen, the first full collection skips the",
        "loaded records.",
        "",
        "| content | tracked objects | first full collection ms, not frozen | frozen |",
        "|---|---:|---:|---:|",
    ]
    for label, folder in folders.items():
        tracked, plain = first_collection(folder, False)
        _, frozen = first_collection(folder, True)
        lines.append(f"| {label} | {tracked:,} | {plain:.1f} | **{frozen:.1f}** |")
    lines += [
        "",
        "## Service loop (one core; goals: 12,000 q/s and p99 under 1 ms shipped, p99 under 50 ms at 100k)",
        "",
        "30% look-ups by name (a third misspelt), 25% search, 20% screening, 25% `exercises_for`",
        "(chain 0 or 1), drawn from the content with a fixed seed. Each row runs in a fresh process",
        "that holds only its content, loaded as a service loads it (`freeze=True`); the whole mix",
        "is run once to warm up (every index built on first need), then timed. The rows *frozen",
        "again after the warm-up* call `gc.freeze()` once more after it, so that the indexes built",
        "on first need are not walked by the collector either (see below). The",
        "*paged* rows answer `exercises_for` a page at a time, the first 20 matches through",
        "`walk_exercises_for`, as a web service would, instead of every match (tens of thousands at",
        "100,000 entries).",
        "",
        "| content | queries | q/s | p50 ms | p99 ms | worst ms | share of time |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    counts = {"shipped": 5_000, "10,000 synthetic": 1_000, "100,000 synthetic": 300}
    for label in kbs:
        for page, refreeze in ((None, False), (None, True), (20, False)):
            pack = None if label == "shipped" else folders[label]
            loop = service_loop_fresh(pack, counts.get(label, 1_000), page=page, refreeze=refreeze)
            shares = ", ".join(f"{kind} {share:.0%}" for kind, share in loop["shares"].items())
            shown = f"{label}, paged" if page else f"{label}, frozen again after the warm-up" if refreeze else label
            lines.append(
                f"| {shown} | {loop['queries']:,} | **{loop['qps']:,.0f}** | {loop['p50']:.3f} "
                f"| **{loop['p99']:.2f}** | {loop['worst']:.1f} | {shares} |"
            )
    return lines


BEGIN, END = "<!-- figures: written by benchmarks/run.py -->", "<!-- end of figures -->"


def write_figures(path: pathlib.Path, report: str) -> None:
    """Put the figures between the markers in ``path``, keeping the prose around them."""
    figures = f"{BEGIN}\n{report}{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + figures + rest.split(END, 1)[1]
    else:
        text = figures + "\n" + text
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
