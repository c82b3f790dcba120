"""Make valid content packs of any size, for load and query benchmarks.

    python benchmarks/synthetic.py OUTPUT_FOLDER N

The pack keeps the bundled anatomy and sources and adds N generated entries, mixed like real
content (60% exercises, 15% conditions, 10% red flags, 10% treatments, 5% symptoms), with
references that resolve, red flags and conditions listed on both sides, and easier/harder
ladders of five exercises. It loads with ``KnowledgeBase.from_path`` and passes every check.
"""

from __future__ import annotations

import json
import pathlib
import random
import sys

import importlib_resources

BUNDLED = importlib_resources.files("spinekb") / "data"
WORDS = ("gentle", "side", "deep", "slow", "standing", "kneeling", "lying", "seated", "wall", "band", "hold", "reach")
MOVEMENTS = [
    "hip-abduction",
    "hip-extension",
    "knee-extension",
    "lumbar-flexion",
    "trunk-rotation",
    "ankle-plantarflexion",
]


def _bundled(name: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads((BUNDLED / f"{name}.json").read_text(encoding="utf-8"))
    return data


def make_pack(folder: pathlib.Path, n: int, seed: int = 2026) -> dict[str, int]:
    """Write a pack of the bundled anatomy and sources plus ``n`` generated entries to ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("sources", "regions", "muscle-groups", "muscles"):
        (folder / f"{name}.json").write_text(json.dumps(_bundled(name)), encoding="utf-8")
    source_ids = [str(s["id"]) for s in _bundled("sources")]
    muscle_ids = [str(m["id"]) for m in _bundled("muscles")]
    region_ids = [str(r["id"]) for r in _bundled("regions")]
    counts = {
        "exercises": n * 60 // 100,
        "conditions": n * 15 // 100,
        "red-flags": n * 10 // 100,
        "treatments": n * 10 // 100,
    }
    counts["symptoms"] = n - sum(counts.values())

    def cite() -> list[str]:
        return rng.sample(source_ids, 2)

    def text(ident: str) -> str:
        return f"Synthetic entry {ident}: " + " ".join(rng.choice(WORDS) for _ in range(40)) + "."

    symptoms = [
        {"id": f"syn-symptom-{i}", "name": f"Synthetic symptom {i}", "summary": text(str(i)), "sources": cite()}
        for i in range(counts["symptoms"])
    ]
    treatments = [
        {
            "id": f"syn-treatment-{i}",
            "name": f"Synthetic treatment {i}",
            "summary": text(str(i)),
            "sources": cite(),
            "treatment_kind": "exercise-therapy",
            "evidence": [
                {
                    "source": rng.choice(source_ids),
                    "verdict": "option",
                    "context": "synthetic",
                    "note": "Generated for benchmarks.",
                }
            ],
        }
        for i in range(counts["treatments"])
    ]
    flag_ids = [f"syn-flag-{i}" for i in range(counts["red-flags"])]
    flags_of: dict[str, list[str]] = {}
    conditions = []
    for i in range(counts["conditions"]):
        ident = f"syn-condition-{i}"
        flags = sorted(rng.sample(flag_ids, min(2, len(flag_ids))))
        for flag in flags:
            flags_of.setdefault(flag, []).append(ident)
        conditions.append(
            {
                "id": ident,
                "name": f"Synthetic condition {i}",
                "aliases": [f"syn cond {i}"],
                "summary": text(str(i)),
                "sources": cite(),
                "category": "mechanical",
                "icd10cm": [{"code": "M54.50", "label": "low back pain, unspecified"}],
                "regions": ["lumbar-spine"],
                "symptoms": [s["id"] for s in rng.sample(symptoms, min(3, len(symptoms)))],
                "care": [{"text": "Keep active.", "sources": cite()}],
                "urgency": "soon",
                "treatments": [t["id"] for t in rng.sample(treatments, min(2, len(treatments)))],
                "red_flags": flags,
            }
        )
    red_flags = [
        {
            "id": ident,
            "name": f"Synthetic red flag {i}",
            "summary": text(str(i)),
            "sources": cite(),
            "conditions": flags_of.get(ident, []),
            "urgency": "urgent",
            "informativeness": "unknown",
            "symptoms": [symptoms[i % len(symptoms)]["id"]],
            "triggers": [{"symptoms": [symptoms[i % len(symptoms)]["id"]], "sources": cite()}],
        }
        for i, ident in enumerate(flag_ids)
    ]
    red_flags = [flag for flag in red_flags if flag["conditions"]]
    for condition in conditions:
        kept = {flag["id"] for flag in red_flags}
        condition["red_flags"] = [f for f in condition["red_flags"] if f in kept]
    exercises = []
    for i in range(counts["exercises"]):
        muscles = rng.sample(muscle_ids, 3)
        kind = rng.choice(["stretch", "strengthening"])
        main = "stretched" if kind == "stretch" else "target"
        variations = []
        if i % 5:
            variations.append({"exercise": f"syn-exercise-{i - 1}", "relation": "easier"})
        if (i + 1) % 5 and i + 1 < counts["exercises"]:
            variations.append({"exercise": f"syn-exercise-{i + 1}", "relation": "harder"})
        exercises.append(
            {
                "id": f"syn-exercise-{i}",
                "name": f"Synthetic exercise {i}",
                "aliases": [f"syn ex {i}"],
                "summary": text(str(i)),
                "sources": cite(),
                "exercise_kind": kind,
                "position": "standing",
                "regions": rng.sample(region_ids, 1),
                "movements": rng.sample(MOVEMENTS, 2),
                "steps": [f"Step {k} of exercise {i}." for k in range(5)],
                "muscles": [{"muscle": muscle, "role": main} for muscle in muscles[:2]]
                + [{"muscle": muscles[2], "role": "synergist"}],
                "dosage": {
                    "repetitions": 10,
                    "sets": {"start": 1, "target": {"min": 2, "max": 3}},
                    "sessions_per_week": {"min": 3, "max": 5},
                    "rest_days_per_week": 1,
                    "sources": cite(),
                },
                "cautions": [{"text": "Stop if it hurts.", "sources": cite()}],
                "variations": variations,
            }
        )
    for name, entries in (
        ("symptoms", symptoms),
        ("treatments", treatments),
        ("conditions", conditions),
        ("red-flags", red_flags),
        ("exercises", exercises),
    ):
        (folder / f"{name}.json").write_text(json.dumps(entries), encoding="utf-8")
    return {"generated": len(symptoms) + len(treatments) + len(conditions) + len(red_flags) + len(exercises)}


if __name__ == "__main__":
    print(make_pack(pathlib.Path(sys.argv[1]), int(sys.argv[2])))
