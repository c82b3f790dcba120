"""Answer a few real questions with spinekb, the way an app or a notebook would.

python examples/quickstart.py
"""

from __future__ import annotations

import spinekb


def main() -> None:
    kb = spinekb.load()

    print("1. Which exercises train the hip abductors, and which nearby work supports them?")
    for match in kb.exercises_for("hip abductors", chain=2):
        print(f"   - {match.exercise.name} ({match.exercise.exercise_kind}): {match.why}")

    print("\n2. How much of the glute bridge, and how often?")
    dosage = kb.exercises["glute-bridge"].dosage
    print(f"   hold {dosage.hold_seconds} s, {dosage.repetitions} repetitions,")
    print(f"   {dosage.sets.start} set building to {dosage.sets.target}, {dosage.sessions_per_week} sessions a week")

    print("\n3. Which red flags point to vertebral osteomyelitis, and how urgent are they?")
    for flag in kb.red_flags_for("vertebral osteomyelitis"):
        print(f"   - {flag.name}: {flag.urgency.label}; how telling on its own: {flag.informativeness.label}")

    print("\n4. What do the sources say about TENS for low back pain?")
    for evidence in kb.treatments.lookup("TENS").evidence:
        print(f"   - {kb.sources[evidence.source].name}: {evidence.verdict.label}")

    print("\n5. What is Pott's disease, and how is it coded?")
    potts = kb.conditions.lookup("Pott's disease")
    print(f"   {potts.summary}")
    print(f"   ICD-10-CM: {', '.join(code.code for code in potts.icd10cm)}; usual urgency: {potts.urgency.label}")

    print(f"\n{spinekb.NOTICE}")


if __name__ == "__main__":
    main()
