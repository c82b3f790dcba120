"""A terminal triage chat on spinekb: type what is wrong, read the urgency first.

    python examples/triage_chat.py            # one message a line; an empty line or Ctrl-D ends

Each message is read with ``spinekb.screen_text``: the answer starts with the urgency and what to
do, and what to act on at once for the symptoms read (chest compressions for someone not
breathing normally), then quotes the words behind each red flag, and asks about what it read but did not count
(negated, hypothetical, someone else's) and about vague words that may point to an emergency
sign. It informs; it does not diagnose, and says so after every answer.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator

import spinekb


def answer(message: str, kb: spinekb.KnowledgeBase | None = None) -> list[str]:
    """The chat's answer to one message, urgency first."""
    kb = kb or spinekb.load()
    screening = kb.screen_text(message)
    lines = [f"{str(screening.urgency).upper()}: {screening.advice[0].text}"]
    reading = screening.reading
    assert reading is not None  # screen_text always keeps what it read
    nets = {
        found.entry.safety_net.text
        for found in reading.present
        if isinstance(found.entry, spinekb.Symptom) and found.entry.safety_net
    }
    lines += [f"  ! {net}" for net in sorted(nets)]  # what to act on at once, whatever the urgency
    for flag in screening.red_flags:
        said = ", ".join(f'"{quote}"' for quote in flag.quotes)
        lines.append(f"  - {flag.red_flag.name}" + (f" (you wrote {said})" if said else ""))
    for found in reading.set_aside:
        lines.append(f'  ? You mentioned {found.entry.name.lower()} ("{found.text}", {found.how}): is that right?')
    for mention in reading.unclear:
        names = " or ".join(entry.name.lower() for entry in mention.may_be[:2])
        lines.append(f'  ? You wrote "{mention.text}": do you mean {names}?')
    if not screening.red_flags and not reading.findings:
        lines.append("  I could not find any symptoms in that; please describe what you feel in your own words.")
    lines.append(spinekb.NOTICE)
    return lines


def chat(messages: Iterable[str]) -> Iterator[str]:
    """Answer each message in turn until an empty one."""
    kb = spinekb.load()
    for message in messages:
        if not message.strip():
            return
        yield from answer(message, kb)
        yield ""


def main() -> int:
    if sys.stdin.isatty():
        print("Tell me about your back pain (an empty line ends).")
    try:
        for line in chat(sys.stdin):
            print(line, flush=True)
    except (BrokenPipeError, KeyboardInterrupt):
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
