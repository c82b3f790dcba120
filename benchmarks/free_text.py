"""Accuracy of reading free text (``findings_in`` and ``screen_text``) on the labelled corpus.

    python benchmarks/free_text.py [--output docs/free-text.md] [--set corpus|heldout|heldout-2|heldout-3|all]
        [--show N]

Counts, per message, each labelled finding as found when the reader gives its id (or one of the
``also`` ids) over an overlapping span; a finding the reader gives that no label covers is a
false positive. Negation is judged on the found mentions the labels mark negated. Urgency
agreement compares ``screen_text`` with the labelled urgency.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from typing import Any

import spinekb

DATA = pathlib.Path(__file__).parent.parent / "tests" / "data" / "free-text"
#: The labelled sets, by file stem, and their names in the docs' table: the development sets, on
#: which the reader is built, and the held-out sets by writers who never saw the reader.
SETS = {
    "corpus": "development",
    "corpus-2": "development, second writer",
    "corpus-3": "development, third writer",
    "corpus-4": "development, fourth writer",
    "corpus-5": "development, fifth writer",
    "corpus-6": "development, sixth writer",
    "heldout": "held out",
    "heldout-2": "held out, second writer",
    "heldout-3": "held out, third writer",
    "heldout-4": "held out, fourth writer",
    "heldout-5": "held out, fifth writer",
    "heldout-6": "held out, sixth writer",
}
RANK = {"self-care": 0, "soon": 1, "urgent": 2, "emergency": 3}


def evaluate(messages: list[dict[str, Any]], show: int = 0) -> dict[str, Any]:
    kb = spinekb.load()
    tp = fn = fp = 0
    neg_total = neg_right = 0
    emergency_total = emergency_found = 0
    agree = lower = lower_emergency = 0
    shown = 0
    for message in messages:
        reading = kb.findings_in(message["text"])
        got = list(reading.findings)
        used: set[int] = set()
        emergency_message = message["urgency"] == "emergency"
        for label in message["findings"]:
            ids = {label["id"], *label.get("also", ())}
            start = message["text"].find(label["phrase"])
            end = start + len(label["phrase"])
            match = next(
                (
                    index
                    for index, found in enumerate(got)
                    if index not in used and found.entry.id in ids and found.start < end and start < found.end
                ),
                None,
            )
            own = not (label["negated"] or label["hypothetical"] or label["other_person"])
            urgent_sign = own and _is_emergency_sign(kb, ids)
            if urgent_sign and emergency_message:
                emergency_total += 1
            if match is None:
                fn += 1
                if show and shown < show:
                    print(f"MISSED {label['id']} {label['phrase']!r} in {message['id']}: {message['text']!r}")
                    shown += 1
                continue
            used.add(match)
            tp += 1
            if urgent_sign and emergency_message and got[match].counts:
                emergency_found += 1
            if label["negated"]:
                neg_total += 1
                neg_right += got[match].negated
        for index, found in enumerate(got):
            if index not in used:
                fp += 1
                if show and shown < show:
                    print(
                        f"EXTRA {found.entry.id} {found.text!r} ({found.how}) in {message['id']}: {message['text']!r}"
                    )
                    shown += 1
        urgency = str(kb.screen_text(message["text"]).urgency)
        agree += urgency == message["urgency"]
        if RANK[urgency] < RANK[message["urgency"]]:
            lower += 1
            lower_emergency += message["urgency"] == "emergency"
    return {
        "messages": len(messages),
        "recall": tp / max(tp + fn, 1),
        "precision": tp / max(tp + fp, 1),
        "negation": neg_right / max(neg_total, 1),
        "emergency_recall": emergency_found / max(emergency_total, 1),
        "urgency_agreement": agree / len(messages),
        "lower": lower,
        "lower_emergency": lower_emergency,
    }


def _is_emergency_sign(kb: spinekb.KnowledgeBase, ids: set[str]) -> bool:
    """Whether a finding is an emergency sign: screened on its own, it is an emergency."""
    return any(str(kb.screen([ident]).urgency) == "emergency" for ident in ids)


def load(name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (DATA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line]


TARGETS = {
    "recall": ("recall of all findings", 0.95),
    "precision": ("precision", 0.90),
    "negation": ("negated mentions read as negated", 0.95),
    "emergency_recall": ("own emergency signs read in emergency messages", 1.0),
}


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    names = list(results)
    lines = ["| measure | target | " + " | ".join(names) + " |", "|---|---:|" + "---:|" * len(names)]
    for key, (label, target) in TARGETS.items():
        cells = " | ".join(f"{results[name][key]:.1%}" for name in names)
        lines.append(f"| {label} | {target:.0%} | {cells} |")
    cells = " | ".join(f"{results[name]['urgency_agreement']:.1%}" for name in names)
    lines.append(f"| urgency the same as labelled | | {cells} |")
    cells = " | ".join(f"{results[name]['lower']} of {results[name]['messages']}" for name in names)
    lines.append(f"| urgency lower than labelled | | {cells} |")
    cells = " | ".join(str(results[name]["lower_emergency"]) for name in names)
    lines.append(f"| emergency messages given a lower urgency | 0 | {cells} |")
    return lines


#: The phrase banks, by file stem: each an object of finding id to standalone phrasings of it, and
#: ``look_alikes``, phrasings that look like a sign and are not (``is_really`` names what they are).
BANKS = {
    "phrases-2": "second writer (development)",
    "phrases-corpus-3": "third development writer",
    "phrases-corpus-4": "fourth development writer",
    "phrases-corpus-5": "fifth development writer",
    "phrases-corpus-6": "sixth development writer",
    "phrases-4": "fourth writer (held out)",
    "phrases-5": "fifth writer (held out)",
    "phrases-6": "sixth writer (held out)",
}


def phrase_bank(bank: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """For each finding of a bank, how many of its phrasings are read as present with its id (or
    an id a label's ``also`` would give for it: the red flag it feeds), of how many; and under
    ``look_alikes``, how many look-alikes are read as an emergency sign they are not."""
    kb = spinekb.load()
    fed = {flag.id: set(flag.symptoms) for flag in kb.red_flags}
    results: dict[str, tuple[int, int]] = {}
    for ident, phrases in bank.items():
        if ident == "look_alikes":
            continue
        accepted = {ident, *(flag for flag, symptoms in fed.items() if ident in symptoms)}
        read = sum(any(found.entry.id in accepted for found in kb.findings_in(phrase).present) for phrase in phrases)
        results[ident] = (read, len(phrases))
    wrong = 0
    for look_alike in bank.get("look_alikes", ()):
        present = {found.entry.id for found in kb.findings_in(look_alike["text"]).present}
        wrong += any(ident != look_alike.get("is_really") and _is_emergency_sign(kb, {ident}) for ident in present)
    results["look_alikes"] = (wrong, len(bank.get("look_alikes", ())))
    return results


def bank_table(results: dict[str, dict[str, tuple[int, int]]]) -> list[str]:
    names = list(results)
    lines = ["| finding | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    idents = [ident for ident in next(iter(results.values())) if ident != "look_alikes"]
    for ident in idents:
        cells = " | ".join(f"{results[name][ident][0]} of {results[name][ident][1]}" for name in names)
        lines.append(f"| {ident} | {cells} |")
    cells = " | ".join(f"{results[name]['look_alikes'][0]} of {results[name]['look_alikes'][1]}" for name in names)
    lines.append(f"| look-alikes read as an emergency sign they are not | {cells} |")
    return lines


def load_bank(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return loaded


def write(path: pathlib.Path, lines: list[str], marker: str = "accuracy") -> None:
    page = path.read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    before, _, rest = page.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(before + start + "\n" + "\n".join(lines) + "\n" + end + after, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="corpus")
    parser.add_argument("--show", type=int, default=0, help="print up to N misses and extra findings")
    parser.add_argument("--output", type=pathlib.Path, help="write the table of both sets into this page")
    args = parser.parse_args(argv)
    names = tuple(SETS) if args.set == "all" or args.output else (args.set,)
    results = {name: evaluate(load(name), args.show if name == "corpus" else 0) for name in names}
    for name, result in results.items():
        print(name, json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}))
    if args.output is not None:
        write(args.output, table({SETS[name]: results[name] for name in SETS}))
        write(
            args.output, bank_table({label: phrase_bank(load_bank(name)) for name, label in BANKS.items()}), "phrases"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
