"""Reading what people write: the findings a message mentions, and screening them.

- ``words``: text to words (folded, with their places in the text) and phrasing patterns to the
  word sequences they stand for;
- ``lexicon``: the lexicons of one language compiled once into tries of phrasings, cues and hints;
- ``answers``: what a reading gives (:class:`TextReading`, :class:`ReadFinding`, ...);
- ``reader``: :func:`findings_in` and :func:`screen_text`.

Matching walks the words once, trying at each the longest phrasing or cue that starts there (a
trie, so the work is linear in the length of the text). Cues then apply within their clause: a
negation, hypothetical or other-person cue to the findings after it (a list of them included),
until a sentence ends, a word such as "but" ends the clause, or six words pass without a finding.
"""
