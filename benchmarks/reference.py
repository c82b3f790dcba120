"""The plain scan that spinekb's reverse index of treatment evidence replaced (issue 17), kept as a reference.

The tests check the index's answers against it, and ``benchmarks/run.py`` times it next to the
indexed query (the "before" column of its scaling table).
"""

from __future__ import annotations

from spinekb import KnowledgeBase
from spinekb.models import Condition, Treatment


def treatments_for_by_scan(kb: KnowledgeBase, condition: Condition) -> list[Treatment]:
    """``treatments_for`` as a scan of every treatment's evidence."""
    listed = [kb.treatments[ident] for ident in condition.treatments]
    extra = [
        t
        for t in kb.treatments
        if t.id not in condition.treatments and any(condition.id in e.conditions for e in t.evidence)
    ]
    return listed + extra
