"""Reading what people write: findings_in, screen_text, the lexicon kind, the command line and the
triage chat example (issue 15)."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import spinekb
from spinekb import KnowledgeBase, Onset, Severity, UnknownEntryError, Urgency
from spinekb.cli import main

ROOT = pathlib.Path(__file__).parent.parent


def read(kb: KnowledgeBase, text: str) -> list[tuple[str, str, str]]:
    """(id, how, exact words) of every finding read."""
    return [(found.entry.id, found.how, found.text) for found in kb.findings_in(text).findings]


# --- the tiny test lexicon: each rule on its own -------------------------------------------------


def test_a_phrasing_is_read_with_its_exact_span(mini: KnowledgeBase) -> None:
    text = "Since Monday I am Burning Up."
    (found,) = mini.findings_in(text).findings
    assert (found.entry.id, found.text, text[found.start : found.end]) == ("fever", "Burning Up", "Burning Up")
    assert found.counts


def test_names_choices_and_respellings_are_read(mini: KnowledgeBase) -> None:
    assert read(mini, "fever") == [("fever", "present", "fever")]  # the symptom's name
    assert read(mini, "a high temp") == [("fever", "present", "high temp")]  # a choice of the pattern
    assert read(mini, "fevar") == [("fever", "present", "fevar")]  # a respelling


def test_negation_hypothetical_and_someone_elses(mini: KnowledgeBase) -> None:
    assert read(mini, "no fever") == [("fever", "negated", "fever")]
    assert read(mini, "if i get a fever") == [("fever", "hypothetical", "fever")]
    assert read(mini, "my mum had a fever") == [("fever", "someone else's", "fever")]


def test_a_cue_ends_with_the_clause_or_when_the_writer_speaks_of_themselves_again(mini: KnowledgeBase) -> None:
    assert read(mini, "no cough but a fever") == [("fever", "present", "fever")]  # "but" ends it
    assert read(mini, "no cough. fever") == [("fever", "present", "fever")]  # so does a sentence
    assert read(mini, "my dad had a cold and i have a fever") == [("fever", "present", "fever")]
    assert read(mini, "no pain anywhere at all in the slightest really, fever") == [("fever", "present", "fever")]


def test_a_negation_covers_a_list(kb: KnowledgeBase) -> None:
    assert [how for _, how, _ in read(kb, "no fever, chills, night sweats or weight loss")] == ["negated"] * 4
    # a statement word that is the finding's own first word ("tingling") does not end the list
    assert [how for _, how, _ in read(kb, "i dont have numbness or tingling")] == ["negated"] * 2


def test_onset_age_duration_and_severity(mini: KnowledgeBase) -> None:
    reading = mini.findings_in("suddenly a fever, i am 47, for two weeks, agony")
    assert reading.findings[0].onset is Onset.NEW
    assert reading.age is not None
    assert (reading.age.value, reading.age.text) == (47, "i am 47")
    assert reading.pain_duration_weeks is not None
    assert (reading.pain_duration_weeks.value, reading.pain_duration_weeks.text) == (2, "two weeks")
    assert reading.pain_severity is not None
    assert reading.pain_severity.value is Severity.SEVERE


@pytest.mark.parametrize(
    ("text", "severity"),
    [("pain 8/10", Severity.SEVERE), ("about a 5 out of 10", Severity.MODERATE), ("2/10", Severity.MILD)],
)
def test_a_pain_score_is_a_severity(kb: KnowledgeBase, text: str, severity: Severity) -> None:
    found = kb.findings_in(text).pain_severity
    assert found is not None
    assert found.value is severity


@pytest.mark.parametrize(
    ("text", "age"),
    [("im 62", 62), ("62 year old man", 62), ("62yo", 62), ("34f with lumbago", 34), ("aged 80", 80)],
)
def test_ages_as_people_write_them(kb: KnowledgeBase, text: str, age: int) -> None:
    found = kb.findings_in(text).age
    assert found is not None
    assert found.value == age


def test_a_vague_word_is_unclear_not_dropped(mini: KnowledgeBase) -> None:
    reading = mini.findings_in("i feel hot")
    assert reading.findings == ()
    (mention,) = reading.unclear
    assert (mention.text, [entry.id for entry in mention.may_be]) == ("hot", ["fever"])
    assert mini.findings_in("i feel hot and have a fever").unclear == ()  # the finding it may be is read


def test_a_date_is_said_to_be_unread(kb: KnowledgeBase) -> None:
    assert any("since march" in item for item in kb.findings_in("back pain since march").unread)


def test_the_reading_as_data_and_as_text(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("no fever but cant pee, im 70")
    data = reading.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert [(item["id"], item["negated"], item["counts"]) for item in data["findings"]] == [
        ("fever", True, False),
        ("urinary-retention", False, True),
    ]
    assert data["age"]["value"] == 70
    assert str(reading).splitlines()[:2] == [
        'negated: Fever [fever] "fever"',
        'present: Urinary retention [urinary-retention] "cant pee"',
    ]
    assert [found.entry.id for found in reading.present] == ["urinary-retention"]
    assert [found.entry.id for found in reading.set_aside] == ["fever"]


def test_reading_is_one_walk_over_the_words(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each word is looked up in a fixed number of tries, so the work grows with the text."""
    from spinekb._reading.lexicon import Trie

    calls = 0
    real = Trie.longest

    def counting(
        self: Trie, words: list[str], start: int, skip: frozenset[str] = frozenset()
    ) -> tuple[int, tuple[str, ...]] | None:
        nonlocal calls
        calls += 1
        return real(self, words, start, skip)

    monkeypatch.setattr(Trie, "longest", counting)
    text = "my back hurts and i cant pee, no fever, my mum had cancer " * 50
    kb.findings_in(text)
    assert calls <= 4 * len(text.split())
    # Words read only in pregnancy, in a message without it, are read a second time: still linear.
    calls = 0
    text = "a really bad headache and blurry vision, my back hurts " * 50
    kb.findings_in(text)
    assert 0 < calls <= 8 * len(text.split())


_SLOT_WORDS = st.lists(st.sampled_from("abcd"), min_size=1, max_size=2).map(" ".join)


@st.composite
def _patterns(draw: st.DrawFn) -> str:
    """A phrasing pattern of a few words: plain words, ``(x|y)`` choices and ``[x]`` optional ones."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        choices = draw(st.lists(_SLOT_WORDS, min_size=1, max_size=3, unique=True))
        if draw(st.booleans()):
            pieces.append("[" + "|".join(choices) + "]")
        elif len(choices) > 1:
            pieces.append("(" + "|".join(choices) + ")")
        else:
            pieces.append(choices[0])
    return " ".join(pieces)


@settings(max_examples=300, deadline=None)
@given(
    patterns=st.lists(_patterns(), min_size=1, max_size=4),
    words=st.lists(st.sampled_from("abcde"), max_size=8),
    start=st.integers(0, 8),
)
def test_the_trie_finds_the_longest_text_of_its_patterns(patterns: list[str], words: list[str], start: int) -> None:
    """The trie's look-up (sequences in a trie, patterns slot by slot, by their first words)
    gives what writing out every text of every pattern would: the furthest end, and every value
    that ends there."""
    from spinekb._reading.lexicon import Trie
    from spinekb._reading.words import pattern_words

    trie = Trie()
    for number, pattern in enumerate(patterns):
        trie.add_pattern(pattern, f"v{number}", lambda words: words)
    ends: dict[int, list[str]] = {}
    for number, pattern in enumerate(patterns):
        for text in pattern_words(pattern):
            if tuple(words[start : start + len(text)]) == text and f"v{number}" not in ends.get(start + len(text), []):
                ends.setdefault(start + len(text), []).append(f"v{number}")
    found = trie.longest(words, start)
    if not ends:
        assert found is None
        return
    assert found is not None
    assert found[0] == max(ends)
    assert sorted(found[1]) == sorted(ends[max(ends)])  # each once
    assert words[start] in trie.firsts


@settings(max_examples=300, deadline=None)
@given(pattern=_patterns())
def test_a_patterns_gate_holds_the_second_and_third_words_of_every_text(pattern: str) -> None:
    """A pattern is tried only where the two words after its first are a pair of its gate, so the
    gate must hold those words of every text the pattern stands for, and be ``None`` (no gate)
    when a text is shorter than three words."""
    from spinekb._reading.lexicon import _gate
    from spinekb._reading.words import pattern_slots, pattern_words

    slots = pattern_slots(pattern)
    assert slots is not None
    texts = pattern_words(pattern)
    gate = _gate(slots)
    if any(len(text) < 3 for text in texts):
        assert gate is None
    else:
        assert gate == frozenset((text[1], text[2]) for text in texts)


def test_an_optional_choice_is_written_out_as_read() -> None:
    from spinekb._reading.words import pattern_words

    assert pattern_words("[x|y] z") == [("x", "z"), ("y", "z"), ("z",)]


def test_bad_arguments_get_clear_errors(kb: KnowledgeBase, mini: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="text must be a string"):
        kb.findings_in(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at most 60,000 characters"):
        kb.findings_in("a" * 60_001)
    with pytest.raises(UnknownEntryError) as caught:
        kb.findings_in("fever", language="fr")
    assert caught.value.suggestions == ("en",)
    with pytest.raises(TypeError, match="language must be a string"):
        kb.findings_in("fever", language=1)  # type: ignore[arg-type]


# --- the bundled English lexicon -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("numb between my legs and can't pee", {"saddle-anaesthesia", "urinary-retention"}),
        ("i wet myself and i cant feel my bum", {"urinary-incontinence", "saddle-anaesthesia"}),
        ("lost control of my bowels", {"bowel-incontinence"}),
        ("pins and needles in my foot", {"tingling"}),
        ("my legs keep giving way", {"weakness-in-both-legs"}),
    ],
)
def test_everyday_words_for_emergency_signs_are_read(kb: KnowledgeBase, text: str, found: set[str]) -> None:
    assert found <= {item.entry.id for item in kb.findings_in(text).present}


def test_the_cases_from_the_issue(kb: KnowledgeBase) -> None:
    first = kb.screen_text("my back hurts and I've lost weight and had cancer before, I'm 62")
    assert first.urgency.rank >= Urgency.URGENT.rank
    assert kb.screen_text("numb between my legs and can't pee").urgency is Urgency.EMERGENCY
    assert kb.screen_text("I have no fever").urgency is Urgency.SELF_CARE


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("referral ?CES, back pain and sciatica", "?CES"),
        ("back pain. ?cauda equina", "?cauda equina"),
        ("query CES - MRI please", "query CES"),
        ("GP thinks it might be cauda equina", "GP thinks it might be cauda equina"),
        ("CES-R", "CES-R"),
        ("MRI to rule out CES", "to rule out CES"),
    ],
)
def test_a_suspected_cauda_equina_syndrome_is_an_emergency(kb: KnowledgeBase, text: str, span: str) -> None:
    """A clinician's "?CES" (``Cues.query``: a question mark straight before a word) or
    "suspected CES" is a referral on the emergency route, not an unclear word."""
    reading = kb.findings_in(text)
    assert [(found.entry.id, found.text) for found in reading.present if "cauda" in found.entry.id] == [
        ("suspected-cauda-equina-syndrome", span)
    ]
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


def test_cauda_equina_named_without_suspicion_is_not_an_emergency(kb: KnowledgeBase) -> None:
    """A worry, safety-netting advice or a ruled-out suspicion is not a referral."""
    assert kb.screen_text("worried about cauda equina, back pain").urgency is Urgency.SOON
    assert kb.screen_text("CES advice given, back pain").urgency is Urgency.SELF_CARE
    assert kb.findings_in("?CES ruled out on MRI").findings[0].negated
    # A question mark after a word still ends a question; inside a word it is no query.
    assert [word.text for word in kb.findings_in("is this normal?i cant pee").present] == ["cant pee"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ethel has gone off her legs since yesterday", "weakness-in-both-legs"),
        ("now needs two of us to stand her", "weakness-in-both-legs"),
        ("pad has been bone dry all shift", "urinary-retention"),
        ("a nurse scanned me and there was 700ml in my bladder", "urinary-retention"),
        ("o/e spastic gait, sensory level T8", "numbness-in-both-legs"),
        ("power 3/5 bilat lower limbs", "weakness-in-both-legs"),
        ("PR: lax sphincter, absent squeeze", "bowel-incontinence"),
        ("mum keeps wetting the chair since her fall", "urinary-incontinence"),
        ("rolled the ute on a dirt road", "major-trauma"),
        ("car went into the back of me on the motorway at about 70", "major-trauma"),
        ("fell 12 steps down the stairs", "major-trauma"),
        ("resident 88 found on the floor this morning", "minor-fall-or-injury"),
        ("pt has not voided for 12 hours", "urinary-retention"),
        ("numb from my belly button down since yesterday", "numbness-in-both-legs"),
        ("her knees look blue and blotchy and she has a fever", "signs-of-sepsis"),
        ("the light is killing my eyes and my neck is stiff", "signs-of-meningitis"),
        ("she had a fit and is burning up", "signs-of-sepsis"),
        ("I feel heart beat in my stomach", "pulsating-abdomen"),
        ("new bladder/bowel dysfunction", "new-bladder-or-bowel-dysfunction"),
        ("I no feel when I go toilet for poo, it come out and I not know", "bowel-incontinence"),
        ("baby is 5 months, bulging soft spot on his head", "signs-of-meningitis"),
        ("found dad on the bathroom floor this morning, he doesnt remember falling", "collapse"),
        ("a lump in my tummy that seems to beat with my heart", "pulsating-abdomen"),
        ("cant get up the stairs, both legs just wont lift", "weakness-in-both-legs"),
        ("my 4 yr old has a temp and when i did the glass test the spots didnt fade", "signs-of-sepsis"),
        ("stiff neck and my eyes hurt in the light, temp 38.6", "signs-of-meningitis"),
        ("Today he say his urine is stopped", "urinary-retention"),
        ("ripped feeling in my back went into my chest", "sudden-tearing-back-pain"),
        ("now im dribbling in my pants", "urinary-incontinence"),
        ("my toes tingle both sides", "numbness-in-both-legs"),
        ("he says his willy's gone numb", "saddle-anaesthesia"),
    ],
)
def test_carers_and_clinicians_words_are_read(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text).present}


@pytest.mark.parametrize(
    "text",
    [
        "a bit of skid marks from wiping badly",  # a repeated choice made "marks" alone a rash
        "I went down a flight of stairs",
        "a fit of coughing and a sore back",
        "i keep fit and my back aches",
        "she is sleepy with the flu",
        # from the clinical review of session 31
        "been run off my legs at work all week and my back aches",
        "put my back out, had to crawl up the stairs, 34",
        "the heating downstairs isnt working and my back aches",
        "having issues with the bedroom mattress, back aches",
        "I cant do the water aerobics with my bad back",
        "I pissed myself laughing at that, back sore",
        "slumped over my laptop all day, back aches",
        "the pain ripped through my back when I picked up the baby, 29",
        "38 year old, out of it on codeine, back pain",
        "my back spasm is horrific, honestly I think Im dying lol",
        "these new trainers are like walking on clouds",
        "both hamstrings sore after football, back ok",
        "physio told me to do 10 reps each leg and my back aches after",
        "stuck in traffic after a crash on the motorway, back stiff from sitting",
        "my puppy keeps peeing on the sofa",
        "lower back pain on bending and a burning pain down my leg",
        "28 weeks pregnant, back ache, baby thumping in my belly all night",
        "my toddler had an accident in his pants",
    ],
)
def test_look_alikes_of_the_new_words_are_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY


def test_a_repeated_choice_does_not_make_its_slot_optional() -> None:
    from spinekb._text import pattern_slots

    slots = pattern_slots("(non blanching|non-blanching) rash")
    assert slots is not None
    assert not slots[0].optional
    emptied = pattern_slots("(a|) b")
    assert emptied is not None
    assert emptied[0].optional


def test_parts_of_together_rules_are_read_at_every_length(kb: KnowledgeBase) -> None:
    """A longer word list of one rule ("legs both") does not hide a shorter one of another
    that starts at the same word ("legs")."""
    from spinekb._reading.lexicon import Trie

    trie = Trie()
    trie.add(("legs",), "short")
    trie.add(("legs", "both"), "long")
    trie.add_pattern("legs (both|all) gone", "pattern", lambda words: words)
    assert list(trie.each_match(["legs", "both", "gone"])) == [
        (0, 1, ("short",)),
        (0, 2, ("long",)),
        (0, 3, ("pattern",)),
    ]
    reading = kb.findings_in("legs both gone all pins and needles and weak since i got up")
    assert "numbness-in-both-legs" in {item.entry.id for item in reading.present}


def test_a_past_cue_straight_after_but_reaches_the_finding_before(kb: KnowledgeBase) -> None:
    """``REACH_BACK_BUT``: "but fine now" says the last finding before it has passed, however far
    back it ends; a "but" with a new subject ("but my back is fine") says nothing of it."""
    reading = kb.findings_in("had a bit of a temp with a cold last week but fine now")
    assert [(item.entry.id, item.how) for item in reading.findings] == [("fever", "negated")]
    reading = kb.findings_in("my bum went numb on the drive up to scotland but it was fine when i got out")
    assert [(item.entry.id, item.how) for item in reading.findings] == [("saddle-anaesthesia", "negated")]
    reading = kb.findings_in("my legs are numb on and off for months but my back is fine")
    assert [(item.entry.id, item.how) for item in reading.findings] == [("numbness-in-both-legs", "present")]
    # only the one finding just before the "but"
    reading = kb.findings_in("numb between my legs since monday and a fever last week but fine now")
    assert [(item.entry.id, item.how) for item in reading.findings] == [
        ("saddle-anaesthesia", "present"),
        ("fever", "negated"),
    ]


def test_falls_in_older_people_are_read(kb: KnowledgeBase) -> None:
    """ "since the fall" is a fall (in British English it is not the autumn); with neck pain from 65
    it is an emergency (NICE NG41, the Canadian C-spine rule)."""
    assert (
        kb.screen_text("since the fall yesterday my 80 year old mum says her neck is agony").urgency
        is Urgency.EMERGENCY
    )
    assert kb.screen_text("mum 83 fell out of bed overnight, now neck pain").urgency is Urgency.EMERGENCY
    assert kb.findings_in("mum 83 fell out of bed").age is not None
    assert kb.findings_in("we moved in the fall semester").findings == ()


def test_an_after_cue_denies_only_what_was_just_said(kb: KnowledgeBase) -> None:
    """ "ruled out", "fine now": the finding just before, and others only along an "or"."""
    reading = kb.findings_in("saddle numbness, ?CES ruled out")
    assert [(item.entry.id, item.how) for item in reading.findings] == [
        ("saddle-anaesthesia", "present"),
        ("suspected-cauda-equina-syndrome", "negated"),
    ]
    assert kb.screen_text("saddle numbness, ?CES ruled out").urgency is Urgency.EMERGENCY
    reading = kb.findings_in("fever or chills ruled out")
    assert {item.how for item in reading.findings} == {"negated"}


def test_a_suspicion_of_cauda_equina_that_was_closed_or_is_old_is_no_emergency(kb: KnowledgeBase) -> None:
    for text in (
        "GP thinks CES unlikely",
        "physio suspected CES last year, MRI clear, same sciatica since",
        "Im scared of possible cauda equina, I have sciatica",
        "quick query, cauda equina symptoms - what are they?",
        "my physio mentioned cauda equina and told me what to look out for",
    ):
        assert kb.screen_text(text).urgency is not Urgency.EMERGENCY, text


def test_answers_to_a_red_flag_template_deny(kb: KnowledgeBase) -> None:
    """``Cues.no_answers``: "Saddle anaesthesia? N.", "retention: nil", "fever -ve"; an answer that
    goes on is not one ("cant pee? no, I cant go at all")."""
    reading = kb.findings_in("Saddle anaesthesia? N. Urinary retention? N. Faecal incontinence? N")
    assert [item.how for item in reading.findings] == ["negated"] * 3
    assert kb.findings_in("urinary retention ?N").findings[0].negated
    assert kb.findings_in("saddle numbness - nil").findings[0].negated
    assert kb.findings_in("fever -ve").findings[0].negated
    assert not kb.findings_in("cant pee? no, I cant go at all").findings[0].negated
    assert not kb.findings_in("legs numb n tingly").findings[0].negated
    # a question's answer with its label; a comma ends a label's answer
    reading = kb.findings_in("Q: any numbness in the saddle area? A: none. Q: pain score? A: 6/10")
    assert [(item.entry.id, item.how) for item in reading.findings] == [("saddle-anaesthesia", "negated")]
    reading = kb.findings_in("fever -ve, wt loss -ve, bilateral leg sx +ve")
    assert [(item.entry.id, item.how) for item in reading.findings] == [
        ("fever", "negated"),
        ("weight-loss", "negated"),
        ("bilateral-leg-symptoms", "present"),
    ]
    assert kb.findings_in("mech LBP. ?CES no.").findings[-1].negated


@pytest.mark.parametrize(
    "text",
    [
        # found hidden by the second clinical review of session 31
        "perianal sensation: absent",
        "PR: tone nil",
        "PU: nil",
        "Leg power: none",
        "Saddle anaesthesia: absent sensation on the left buttock",
        "cant pee since last night, covid neg",  # the "neg" is the covid test's
        "retention 900ml, infection excluded",
        "new leg weakness both sides, stroke excluded by CT",
        "numbness in my saddle area, came back after a few minutes and now its constant",
        "saddle numbness but my back is ok now",
        "I was stuck after the crash, they had to cut me out",
        "please can this pt be seen for ?CES today",
        "Referral for a ?CES",
        "took her temperature and it was 40 c, she has back pain and is drowsy",
        "temp 39.5 and stiff neck",  # a decimal point ends no sentence
        "pt 2 of my visits today, 86M, found on floor, neck pain",
        "felt something tear between my shoulder blades, worst pain ever, 68",
        "?MSCC",
        "?cord compression, known prostate ca",
    ],
)
def test_emergencies_the_second_review_found_hidden_are_read(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


def test_an_ability_question_answered_no_is_not_reassurance(kb: KnowledgeBase) -> None:
    """ "Able to pass urine? No" may be the sign: it stays an unclear mention, never self-care."""
    for text in ("Able to pass urine? No", "can you feel when you wipe? no"):
        screening = kb.screen_text(text)
        assert screening.urgency is Urgency.SOON, text
        assert screening.reading is not None, text
        assert screening.reading.unclear, text


def test_a_question_answered_no_is_denied(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("coughing up blood? no. fever? no. weight loss? a bit on purpose.")
    assert [(item.entry.id, item.how) for item in reading.findings] == [
        ("fever", "negated"),
        ("weight-loss", "present"),
    ]
    assert kb.findings_in("numb down there? nope").findings[0].negated
    assert not kb.findings_in("fever? yes").findings[0].negated


# --- screen_text ---------------------------------------------------------------------------------


def test_set_aside_findings_never_raise_the_urgency_above_asking(kb: KnowledgeBase) -> None:
    """A denied, hypothetical or someone else's finding never counts; when it is an emergency sign
    the answer is "soon" with the words to check, never self-care with reassurance."""
    for text in ("no numbness down there", "if i cant pee should i worry", "something odd with my bladder"):
        screening = kb.screen_text(text)
        assert screening.urgency is Urgency.SOON, text
        assert screening.red_flags == (), text
        assert screening.advice[0].text.startswith("Some of what you wrote may be about an emergency sign"), text
        assert "fewer than 1 in 100" not in str(screening), text
    screening = kb.screen_text("my dad had cancer")
    assert screening.urgency is Urgency.SELF_CARE
    assert screening.reading is not None
    assert [found.how for found in screening.reading.findings] == ["someone else's"]


def test_someone_elses_complaint_is_read_as_the_persons_being_screened(kb: KnowledgeBase) -> None:
    """A carer writes "my husband can't pee": that is the patient's sign. Someone else's history
    alone ("my mum had cancer") stays theirs."""
    assert kb.screen_text("my husband has had numbness down below since yesterday").urgency is Urgency.EMERGENCY
    assert kb.screen_text("my son got hit by a car, his back hurts").urgency is Urgency.EMERGENCY
    assert [(f.entry.id, f.how) for f in kb.findings_in("my mum had cancer").findings] == [
        ("history-of-cancer", "someone else's")
    ]
    # The writer never speaks of themselves: the history is the patient's too.
    husband = kb.findings_in("my husband had cancer. back pain at night")
    assert [(f.entry.id, f.how) for f in husband.findings] == [
        ("history-of-cancer", "present"),
        ("night-or-rest-pain", "present"),
    ]


def test_writing_on_behalf_of_someone_screens_them(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("writing for my dad, he had cancer")
    assert [(f.entry.id, f.how) for f in reading.findings] == [("history-of-cancer", "present")]
    assert kb.screen_text("writing for my dad, he had cancer").urgency is Urgency.URGENT


def test_naming_someone_lasts_until_the_writer_speaks_of_themselves(kb: KnowledgeBase) -> None:
    """``Cues.someone``: "my husband ..." makes what follows his, the writer's "i" ends it."""
    reading = kb.findings_in("my husband is on chemotherapy and i have back pain")
    assert [(f.entry.id, f.how) for f in reading.findings] == [
        ("chemotherapy", "someone else's"),
        ("back-pain", "present"),
    ]
    assert kb.screen_text("my husband is on chemotherapy and i have back pain").urgency is Urgency.SELF_CARE


def test_someone_elses_history_after_it_is_theirs(kb: KnowledgeBase) -> None:
    """``other_person_after`` ("runs in the family") marks the history before it, not what follows."""
    reading = kb.findings_in("osteoporosis runs in the family, sudden back pain after lifting")
    assert [(f.entry.id, f.how) for f in reading.findings] == [
        ("known-osteoporosis", "someone else's"),
        ("back-pain", "present"),
    ]


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("not had a fever, both legs numb", "numbness-in-both-legs"),
        ("no saddle anaesthesia, urinary retention present", "urinary-retention"),
    ],
)
def test_a_listed_finding_that_makes_a_statement_ends_a_denial(kb: KnowledgeBase, text: str, present: str) -> None:
    """``Cues.statements``: a word inside or straight after a listed finding makes it a claim."""
    reading = kb.findings_in(text)
    assert [f.how for f in reading.findings] == ["negated", "present"]
    assert reading.findings[1].entry.id == present
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


def test_a_denial_repeated_item_by_item_stops_at_an_item_without_its_own(kb: KnowledgeBase) -> None:
    """``Cues.alternatives``: "no fever, no chills, numb bum" says the numbness is there; an
    "or" keeps the list denied."""
    assert [how for _, how, _ in read(kb, "no fever, no chills, numb bum")] == ["negated", "negated", "present"]
    assert kb.screen_text("no fever, no chills, numb bum").urgency is Urgency.EMERGENCY
    assert [how for _, how, _ in read(kb, "no fever, no chills, weight loss or night sweats")] == ["negated"] * 4
    assert [how for _, how, _ in read(kb, "no fever, chills or night sweats")] == ["negated"] * 3


@pytest.mark.parametrize(
    ("text", "hows"),
    [
        # across a comma a denial goes on only in a list that offers alternatives
        ("no fever, chills", ["negated", "present"]),
        ("no fever, chills, numbness or tingling", ["negated"] * 4),
        # a list of three or more carries it too, as clinicians write
        ("denies saddle anaesthesia, urinary retention, faecal incontinence, leg weakness", ["negated"] * 4),
        ("no cancer history, weakness in both legs", ["negated", "present"]),
        ("not feverish, numb bum", ["negated", "present"]),
        # to its first finding a cue does not reach past a comma or an "and"
        ("no trauma, saddle anaesthesia", ["present"]),
        ("denies urinary sx, reports saddle numbness", ["present"]),
        ("a rash that doesnt fade under a glass and fever", ["present", "present"]),
    ],
)
def test_a_denial_ends_where_a_statement_begins(kb: KnowledgeBase, text: str, hows: list[str]) -> None:
    """The cautious reading of a comma: a denial is not carried into what may be a statement
    ("no trauma, saddle anaesthesia", as clinicians write)."""
    assert [how for _, how, _ in read(kb, text)] == hows


@pytest.mark.parametrize(
    "text",
    [
        "GP said go to A&E if i cant pee or go numb down below",
        "should I go to hospital if my legs go weak or I wet myself?",
        "in case I get numb bum or can't pee, what should I do",
    ],
)
def test_a_question_or_condition_holds_for_each_alternative(kb: KnowledgeBase, text: str) -> None:
    reading = kb.findings_in(text)
    assert reading.findings
    assert all(found.hypothetical for found in reading.findings), reading.findings
    assert kb.screen_text(text).urgency is Urgency.SOON  # set aside emergency signs are asked about


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("my mum is 85, i am 40 and have back pain after lifting her", 40),
        ("my mum is 85 and has back pain", 85),
        ("my son is 8 and has back pain", 8),
        ("my daughter is six and her back hurts", 6),
        ("osteoporosis, felt a crack in my back, 74", 74),
        ("27, back stiff every morning", 27),
        ("toddler with back pain", 4),
        ("my little boy has a sore back", 15),
        ("fever 38.5, back pain", None),
        ("im 30 weeks pregnant and my back hurts", None),  # a pregnancy's length, not an age
        ("back hurts after carrying my toddler around all day", None),
        ("my mum is 85 and i have back pain", None),
    ],
)
def test_the_age_is_the_screened_persons(kb: KnowledgeBase, text: str, age: int | None) -> None:
    """The writer's own age unless the message is about someone else; a number alone between
    commas is an adult's age; a word for a young child gives the oldest age it can mean."""
    found = kb.findings_in(text).age
    assert (None if found is None else found.value) == age


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("bit confused, is it ok to use heat on my back", Urgency.SOON),  # asked about, not sepsis
        ("breathless after running and my back aches", Urgency.SOON),
        ("pale skin, always have been, back pain after lifting", Urgency.SELF_CARE),
        ("fever and confused and back pain", Urgency.EMERGENCY),
        ("high temp, back pain and really short of breath", Urgency.EMERGENCY),
    ],
)
def test_a_sign_of_sepsis_needs_an_illness_beside_it(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    """Confusion or breathlessness is read as a sign of sepsis only with a fever or an illness in
    the same clause; alone it is an unclear mention, asked about."""
    assert kb.screen_text(text).urgency is urgency


def test_a_time_before_another_finding_is_not_the_pains(kb: KnowledgeBase) -> None:
    assert kb.findings_in("6 weeks pregnant and my back hurts").pain_duration_weeks is None
    found = kb.findings_in("back pain for 6 weeks").pain_duration_weeks
    assert found is not None
    assert found.value == 6


@pytest.mark.parametrize(
    ("text", "weeks", "words"),
    [
        ("back pain for half a year", 26.07, "half a year"),
        ("back ache for 1.5 years", 78.21, "1.5 years"),
        ("pain for 2.5 wks now", 2.5, "2.5 wks"),
        ("my back has hurt for two and a half weeks", 2.5, "two and a half weeks"),
        ("back pain for a year and a half", 78.21, "a year and a half"),
        ("low back pain for a week and a half, no fever", 1.5, "a week and a half"),
        ("back pain for half a week", 0.5, "half a week"),
        ("back pain for 3 weeks", 3, "3 weeks"),
    ],
)
def test_halves_and_decimals_of_a_duration(kb: KnowledgeBase, text: str, weeks: float, words: str) -> None:
    # "1.5 years" is one number, not a 5 after a point; "half a year" is half of one.
    found = kb.findings_in(text).pain_duration_weeks
    assert found is not None
    assert (found.value, found.text) == (weeks, words)
    assert text[found.start : found.end] == words


def test_a_reading_never_reassures(kb: KnowledgeBase) -> None:
    """Reading can miss words, so "no red flag counts" is never said of a reading."""
    from spinekb._screening import NO_FLAGS

    for text in ("my back aches after gardening", "my neck is sore", "hello"):
        screening = kb.screen_text(text)
        assert not set(NO_FLAGS) & set(screening.advice), text
        assert any("no reassurance" in statement.text for statement in screening.advice), text
    assert set(NO_FLAGS) <= set(kb.screen(["back pain"]).advice)  # (screening ids still reassures)


def test_reassurance_about_the_bladder_is_not_a_vague_mention(kb: KnowledgeBase) -> None:
    for text in ("i can pee fine", "bladder and bowels fine", "wee and poo normal"):
        reading = kb.findings_in(text)
        assert (reading.findings, reading.unclear) == ((), ()), text
        assert kb.screen_text(text).urgency is Urgency.SELF_CARE, text


@pytest.mark.parametrize("text", ["i used to have night sweats", "had a fever last week but fine now"])
def test_what_has_gone_is_denied(kb: KnowledgeBase, text: str) -> None:
    assert [f.how for f in kb.findings_in(text).findings] == ["negated"]


def test_an_onset_word_goes_with_the_finding_after_it(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("he has a known triple a, and has sudden back pain")
    assert [(f.entry.id, f.onset) for f in reading.findings] == [
        ("known-aortic-aneurysm", None),
        ("back-pain", Onset.NEW),
    ]
    assert kb.screen_text("he has a known triple a, and has sudden back pain").urgency is Urgency.EMERGENCY
    assert kb.screen_text("known aortic aneurysm, back pain for years").urgency is Urgency.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "something feels off when i wee",
        "my stool is a bit different",
        "weird feeling in my inner thighs",
        "funny feeling between my legs",
        "my bits feel strange",
        "i havent been to the toilet since yesterday morning",
    ],
)
def test_an_unread_mention_of_the_saddle_bladder_or_bowel_is_never_self_care(kb: KnowledgeBase, text: str) -> None:
    """The safety floor: a word near an emergency sign that is not read confidently is unclear,
    and the answer says to check it (soon, not self-care)."""
    screening = kb.screen_text(text)
    assert screening.urgency.rank >= Urgency.SOON.rank, text
    assert screening.reading is not None
    assert screening.reading.unclear or screening.red_flags, text


@pytest.mark.parametrize(
    ("text", "not_read"),
    [
        ("I've got a cut on my finger and back ache", "contusion-or-abrasion"),
        ("I'm on drugs for my blood pressure and my back aches", "infection-risk-factors"),
        ("my back hurts, can I use anything for it? I'm 30", "infection-risk-factors"),
    ],
)
def test_everyday_words_that_are_not_a_red_flag(kb: KnowledgeBase, text: str, not_read: str) -> None:
    """A cut is not a bruise or graze on the back; prescribed drugs are not injecting drugs."""
    assert not_read not in {found.entry.id for found in kb.findings_in(text).findings}
    assert kb.screen_text(text).urgency is Urgency.SELF_CARE


def test_a_negation_reaches_along_a_list_but_not_into_a_new_clause(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("no fever or weight loss and cant pee since this morning")
    assert [(f.entry.id, f.how) for f in reading.findings] == [
        ("fever", "negated"),
        ("weight-loss", "negated"),
        ("urinary-retention", "present"),
    ]
    assert kb.screen_text("No history of cancer, legs have gone weak").urgency is Urgency.EMERGENCY


def test_severity_words_count_inside_a_phrasing(kb: KnowledgeBase) -> None:
    screening = kb.screen_text("im 70 with sudden severe back pain")
    assert screening.pain_severity is Severity.SEVERE
    assert screening.urgency.rank >= Urgency.URGENT.rank


def test_the_screening_quotes_the_words_behind_each_flag(kb: KnowledgeBase) -> None:
    screening = kb.screen_text("suddenly cant pee")
    (flag,) = [flag for flag in screening.red_flags if flag.red_flag.id == "new-bladder-or-bowel-dysfunction"]
    assert flag.quotes == ("cant pee",)
    assert flag.findings[0].onset is Onset.NEW
    assert 'you wrote: "cant pee"' in str(screening)
    data = screening.to_dict()
    assert data["reading"]["findings"][0]["text"] == "cant pee"
    assert "cant pee" in next(item["quotes"] for item in data["red_flags"] if item["id"] == flag.red_flag.id)


def test_arguments_win_over_what_the_text_says(kb: KnowledgeBase) -> None:
    screening = kb.screen_text("im 30, pain for 2 weeks, 3/10", age=75, pain_duration_weeks=8, pain_severity="severe")
    assert (screening.age, screening.pain_duration_weeks, screening.pain_severity) == (75, 8, Severity.SEVERE)
    read_only = kb.screen_text("im 30, pain for 2 weeks, 3/10")
    assert (read_only.age, read_only.pain_duration_weeks, read_only.pain_severity) == (30, 2, Severity.MILD)


def test_module_level_functions_use_the_bundled_knowledge_base() -> None:
    assert spinekb.findings_in("no fever").findings[0].negated
    assert spinekb.screen_text("cant pee").urgency is Urgency.EMERGENCY


# --- the lexicon is content: packs extend it -----------------------------------------------------


def _pack_lexicon(folder: pathlib.Path, *phrasings: dict[str, object]) -> pathlib.Path:
    """A content pack in ``folder`` holding one English lexicon of ``phrasings``."""
    lexicon = {
        "id": "clinic-words",
        "name": "Clinic words",
        "summary": "Local words our patients use.",
        "sources": ["nhs-cauda-equina"],
        "language": "en",
        "phrasings": list(phrasings),
    }
    (folder / "lexicons.json").write_text(json.dumps([lexicon]), encoding="utf-8")
    return folder


def test_a_pack_extends_the_bundled_lexicon(tmp_path: pathlib.Path) -> None:
    _pack_lexicon(
        tmp_path, {"finding": "saddle-anaesthesia", "texts": ["numb nethers"], "sources": ["nhs-cauda-equina"]}
    )
    assert "saddle-anaesthesia" not in [found.entry.id for found in spinekb.load().findings_in("numb nethers").findings]
    extended = spinekb.load(tmp_path)
    assert [found.entry.id for found in extended.findings_in("numb nethers").findings] == ["saddle-anaesthesia"]
    assert extended.findings_in("cant pee").findings[0].entry.id == "urinary-retention"  # the bundled words too


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(numb|dead nethers", "does not close every choice"),
        ("(numb|dead)? nethers", "which patterns do not use"),
        ("numb nether*", "which patterns do not use"),
    ],
)
def test_a_broken_phrasing_pattern_is_refused(tmp_path: pathlib.Path, text: str, message: str) -> None:
    lexicon = {
        "id": "clinic-words",
        "name": "Clinic words",
        "summary": "Local words our patients use.",
        "sources": ["nhs-cauda-equina"],
        "language": "en",
        "phrasings": [{"finding": "saddle-anaesthesia", "texts": [text], "sources": ["nhs-cauda-equina"]}],
    }
    (tmp_path / "lexicons.json").write_text(json.dumps([lexicon]), encoding="utf-8")
    with pytest.raises(spinekb.ContentError, match=message):
        spinekb.load(tmp_path)


# --- the command line and the example ------------------------------------------------------------


def test_screen_text_on_the_command_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["screen", "--text", "no fever but i cant pee"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("EMERGENCY")
    assert 'you wrote: "cant pee"' in out
    assert "Fever: negated" in out
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("my dad had cancer"))
    assert main(["screen", "--text", "-", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["urgency"] == "self-care"
    assert data["reading"]["findings"][0]["other_person"] is True
    assert main(["screen", "fever", "--text", "cant pee"]) == 2
    assert "give no FINDING" in capsys.readouterr().err


def test_the_triage_chat_answers_urgency_first() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "triage_chat.py")],
        input="numb between my legs and cant pee\nno fever\n\nnever read\n",
        capture_output=True,
        text=True,
        check=True,
    )
    answers = done.stdout.split("\n\n")
    assert answers[0].startswith("EMERGENCY: ")
    assert '"cant pee"' in answers[0]
    assert answers[1].startswith("SELF-CARE: ")
    assert "fever" in answers[1]
    assert "negated" in answers[1]
    assert spinekb.NOTICE in answers[0]
    assert "never read" not in done.stdout


def test_the_triage_chat_says_what_to_do_at_once_for_someone_not_breathing() -> None:
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        from triage_chat import answer
    finally:
        sys.path.remove(str(ROOT / "examples"))
    lines = answer("my husband isnt breathing")
    assert lines[0].startswith("EMERGENCY: ")
    assert any(line.startswith("  ! ") and "chest compressions" in line for line in lines)


def test_the_labelled_sets_are_well_formed(kb: KnowledgeBase) -> None:
    """Every labelled message of every set: the keys of its README in order, an id unique across
    the sets, findings that name a symptom or red flag by an exact substring of the text, and a
    text that no other message repeats."""
    keys = ["id", "text", "findings", "age", "duration_weeks", "severity", "urgency", "note"]
    finding_keys = ["id", "phrase", "also", "negated", "hypothetical", "other_person", "onset"]
    known = set(kb.symptoms.ids) | set(kb.red_flags.ids)
    ids: set[str] = set()
    texts: set[str] = set()
    sets = sorted((ROOT / "tests" / "data" / "free-text").glob("*.jsonl"))
    assert {path.stem for path in sets} == {
        "corpus",
        "corpus-2",
        "corpus-3",
        "corpus-4",
        "corpus-5",
        "corpus-6",
        "heldout",
        "heldout-2",
        "heldout-3",
        "heldout-4",
        "heldout-5",
        "heldout-6",
    }
    for path in sets:
        for line in path.read_text(encoding="utf-8").splitlines():
            message = json.loads(line)
            assert list(message) == keys, message["id"]
            assert message["id"] not in ids
            assert message["text"] not in texts, message["id"]
            ids.add(message["id"])
            texts.add(message["text"])
            assert message["urgency"] in {str(urgency) for urgency in Urgency}, message["id"]
            for finding in message["findings"]:
                assert list(finding) == finding_keys, message["id"]
                assert {finding["id"], *finding["also"]} <= known, message["id"]
                assert finding["phrase"], message["id"]
                assert finding["phrase"] in message["text"], message["id"]
    assert len(ids) == 324 + 200 + 200 + 200 + 200 + 200 + 87 + 250 + 240 + 200 + 200 + 200


def test_the_accuracy_figures_in_the_docs_are_current() -> None:
    """docs/free-text.md shows what benchmarks/free_text.py measures on the corpus today (the
    figures are deterministic: rerun the script after changing the reader or the lexicon)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import free_text
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    results = {label: free_text.evaluate(free_text.load(name)) for name, label in free_text.SETS.items()}
    page = (ROOT / "docs" / "free-text.md").read_text(encoding="utf-8")
    assert "\n".join(free_text.table(results)) in page
    banks = {label: free_text.phrase_bank(free_text.load_bank(name)) for name, label in free_text.BANKS.items()}
    assert "\n".join(free_text.bank_table(banks)) in page


def test_the_phrase_banks_are_well_formed(kb: KnowledgeBase) -> None:
    """Each phrase bank maps known findings to distinct phrasings, and its look-alikes say what
    they really are (a known finding or nothing) and why."""
    known = set(kb.symptoms.ids) | set(kb.red_flags.ids)
    banks = sorted((ROOT / "tests" / "data" / "free-text").glob("phrases-*.json"))
    assert banks
    for path in banks:
        bank = json.loads(path.read_text(encoding="utf-8"))
        look_alikes = bank.pop("look_alikes")
        assert set(bank) <= known
        for phrases in bank.values():
            assert len(phrases) == len(set(phrases)) >= 40
        for look_alike in look_alikes:
            assert set(look_alike) == {"text", "is_really", "why"}
            assert look_alike["is_really"] is None or look_alike["is_really"] in known


# --- words read only beside other findings (Phrasing.only_with) ----------------------------------


def test_words_read_only_beside_another_finding(tmp_path: pathlib.Path) -> None:
    _pack_lexicon(
        tmp_path, {"finding": "fever", "texts": ["zorbly"], "only_with": ["pregnancy"], "sources": ["nhs-cauda-equina"]}
    )
    kb = spinekb.load(tmp_path)
    assert read(kb, "i feel zorbly") == []
    assert ("fever", "present", "zorbly") in read(kb, "im pregnant and i feel zorbly")
    assert ("fever", "present", "zorbly") in read(kb, "i feel zorbly, im 30 weeks pregnant")  # anywhere in it
    assert [found for found in read(kb, "im not pregnant but i feel zorbly") if found[0] == "fever"] == []
    assert ("fever", "present", "zorbly") in read(kb, "could i be pregnant? i feel zorbly")  # wondering counts
    assert [found for found in read(kb, "my wife is pregnant, i feel zorbly") if found[0] == "fever"] == []


def test_an_unknown_finding_for_only_with_is_refused(tmp_path: pathlib.Path) -> None:
    _pack_lexicon(
        tmp_path, {"finding": "fever", "texts": ["zorbly"], "only_with": ["pregnanzy"], "sources": ["nhs-cauda-equina"]}
    )
    with pytest.raises(spinekb.ContentError, match=r"only_with\[0\].*pregnanzy"):
        spinekb.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("28 weeks pregnant with a severe headache and flashing lights", "pre-eclampsia-signs"),
        ("im 32 weeks pregnant and my face and hands have swollen up suddenly", "pre-eclampsia-signs"),
        ("pregnant with pain under my right ribs", "pre-eclampsia-signs"),
        ("6 weeks pregnant with pain low down on one side of my tummy", "ectopic-pregnancy-signs"),
        ("pregnant and i have shoulder tip pain", "ectopic-pregnancy-signs"),
    ],
)
def test_warning_signs_of_pregnancy_are_read_in_pregnancy(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text).present}


@pytest.mark.parametrize(
    "text",
    [
        "severe headache and flashing lights",
        "im a 50 year old man with pain on one side of my tummy and back pain",
        "im not pregnant but i have a bad headache and blurry vision",
        "my hands are swollen from the heat",
    ],
)
def test_warning_signs_of_pregnancy_are_not_read_without_it(kb: KnowledgeBase, text: str) -> None:
    read_ids = {item.entry.id for item in kb.findings_in(text).findings}
    assert not read_ids & {"pre-eclampsia-signs", "ectopic-pregnancy-signs"}


def test_pregnancy_warning_signs_send_to_the_maternity_unit_or_early_pregnancy_care(kb: KnowledgeBase) -> None:
    eclampsia = kb.screen_text("im 30 weeks pregnant with a terrible headache and my face has swollen up")
    assert eclampsia.urgency is Urgency.EMERGENCY
    assert eclampsia.route is not None
    assert "maternity unit" in eclampsia.route
    ectopic = kb.screen_text("7 weeks pregnant and getting cramping on one side of my tummy")
    assert ectopic.urgency is Urgency.URGENT
    assert ectopic.route is not None
    assert "early pregnancy unit" in ectopic.route


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("my arm went weak this morning", Urgency.EMERGENCY),  # a FAST sign: weakness that came on
        ("my neck hurts and my left arm has gone weak", Urgency.EMERGENCY),
        ("my arm has been getting weaker for weeks with neck and arm pain", Urgency.URGENT),
        ("both my hands are numb and my neck aches", Urgency.URGENT),
        ("my hands have been numb for years", Urgency.SOON),
        ("my neck pain has lasted 8 weeks", Urgency.SOON),
        ("my tailbone has hurt for a year and a half", Urgency.SOON),
        ("my neck has hurt for 2 weeks", Urgency.SELF_CARE),
        ("my arms have gone heavy after the gym", Urgency.SELF_CARE),
        ("i feel a bit unsteady when i stand up quickly", Urgency.SOON),  # dizziness, not gait
    ],
)
def test_neck_and_arm_messages_are_weighed_as_the_review_asked(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


@pytest.mark.parametrize(
    "text",
    [
        "my face drooped for a bit and then it was fine",
        "couldnt talk properly for 10 mins earlier, fine now",
        "my arm felt weak for 5 minutes then went back to normal",
    ],
)
def test_a_stroke_sign_that_has_passed_still_counts(kb: KnowledgeBase, text: str) -> None:
    reading = kb.findings_in(text)
    assert reading.present
    assert not [found for found in reading.findings if found.negated]
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("missed my period and have bad pain on one side of my tummy", Urgency.URGENT),  # possible pregnancy
        ("pregnancy test was negative, pain on one side of my tummy", Urgency.SELF_CARE),
        ("gave birth last week and my face and hands are really swollen", Urgency.EMERGENCY),  # after the birth
        ("pregnant 7wks pain 1 side lower belly n bleeding a bit", Urgency.EMERGENCY),
        ("my wife is 30 weeks pregnant, i have a bad headache and swollen hands", Urgency.SELF_CARE),
        ("im pregnant and my legs are swollen at the end of the day", Urgency.SOON),  # not sudden: common
    ],
)
def test_pregnancy_signs_as_people_write_them(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


@pytest.mark.parametrize(
    "text",
    [
        "im 20 weeks pregnant and my gums bleed when i brush my teeth",
        "pregnant and my piles are bleeding",
        "im pregnant, cut my finger and its bleeding",
        "im 30 weeks pregnant and have a nosebleed",
        "pregnant with back pain, my nose keeps bleeding",
    ],
)
def test_bleeding_from_elsewhere_is_not_bleeding_in_pregnancy(kb: KnowledgeBase, text: str) -> None:
    reading = kb.findings_in(text)
    assert "pregnancy" in {found.entry.id for found in reading.present}
    assert "bleeding-in-pregnancy" not in {found.entry.id for found in reading.findings}
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY


@pytest.mark.parametrize(
    "text",
    ["im pregnant and bleeding", "im 12 weeks pregnant and spotting", "pregnant and bleeding heavily with clots"],
)
def test_bleeding_in_pregnancy_with_no_other_site_is_read(kb: KnowledgeBase, text: str) -> None:
    screening = kb.screen_text(text)
    assert "bleeding-in-pregnancy" in {found.entry.id for found in kb.findings_in(text).present}
    assert screening.urgency is Urgency.EMERGENCY
    assert screening.route is not None
    assert "maternity" in screening.route


@pytest.mark.parametrize(
    "text",
    [
        "used to have cancer, back hurts",
        "had breast cancer 5 years ago but fine now, new back pain",
        "i had cancer years ago, its gone now, back pain at night",
        "in remission from prostate cancer, lower back pain getting worse",
    ],
)
def test_a_past_cancer_is_still_a_history_of_cancer(kb: KnowledgeBase, text: str) -> None:
    cancer = [found for found in kb.findings_in(text).findings if found.entry.id == "history-of-cancer"]
    assert cancer
    assert not any(found.negated for found in cancer)
    assert kb.screen_text(text).urgency >= Urgency.SOON


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("cancer was ruled out, back hurts", "history-of-cancer"),  # a denial, not the past
        ("used to get numb down below but its fine now, back ache", "saddle-anaesthesia"),
        ("i once had a fever with my back pain, fine now", "fever"),
    ],
)
def test_a_complaint_in_the_past_is_denied(kb: KnowledgeBase, text: str, denied: str) -> None:
    found = [found for found in kb.findings_in(text).findings if found.entry.id == denied]
    assert found
    assert all(item.negated for item in found)


def test_bleeding_in_early_pregnancy_names_the_early_pregnancy_unit(kb: KnowledgeBase) -> None:
    screening = kb.screen_text("im 8 weeks pregnant and bleeding")
    assert screening.urgency is Urgency.EMERGENCY
    assert screening.route is not None
    assert "early pregnancy unit" in screening.route
    assert "maternity unit" in screening.route


@pytest.mark.parametrize(
    "text", ["my hands go numb in the cold and my neck is stiff", "my fingers go white and numb in the cold"]
)
def test_hands_numb_from_the_cold_are_not_a_sign_of_the_spinal_cord(kb: KnowledgeBase, text: str) -> None:
    assert "numbness-in-both-hands" not in {found.entry.id for found in kb.findings_in(text).findings}
    assert kb.screen_text(text).urgency < Urgency.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "lost the sight in my right eye for a few minutes, it came back, my neck aches",
        "my neck is sore and i saw double for a while this morning, fine now",
        "for ten minutes i could not see out of my left eye, neck sore",
        "a sudden massive headache at the back of my head, now gone",
        "my leg and arm on the left went numb, neck pain",
        "one side of my body felt weak for a bit",
        "my speech went funny earlier and my neck hurts",
    ],
)
def test_stroke_and_neck_artery_signs_as_people_write_them_are_emergencies(kb: KnowledgeBase, text: str) -> None:
    reading = kb.findings_in(text)
    assert not [found for found in reading.findings if found.negated]
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


def test_words_read_only_in_pregnancy_are_read_again_outside_it(kb: KnowledgeBase) -> None:
    # "a really bad headache" is a pre-eclampsia phrasing, read only in pregnancy; outside it the
    # same words are read afresh, so a thunderclap headache is not lost
    reading = kb.findings_in("a really bad headache came on in seconds, neck pain")
    assert "sudden-severe-headache" in {found.entry.id for found in reading.present}
    assert "pre-eclampsia-signs" not in {found.entry.id for found in reading.findings}
    pregnant = kb.findings_in("im 30 weeks pregnant with a really bad headache")
    assert "pre-eclampsia-signs" in {found.entry.id for found in pregnant.present}


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("headache with blurry vision and neck pain, 62", Urgency.URGENT),
        ("my vision has been blurry for years, back ache", Urgency.SOON),
        ("i cant see properly without my glasses and my back hurts", Urgency.SELF_CARE),
    ],
)
def test_blurred_vision_is_weighed_by_its_onset(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("35 weeks and i think my waters have gone", "waters-breaking"),
        ("30 weeks pregnant and a trickle of clear fluid keeps coming", "waters-breaking"),
        ("37 weeks, tightenings every 4 mins and my back is agony", "contractions-in-pregnancy"),
        ("32 weeks pregnant and i think im in labour", "contractions-in-pregnancy"),
        ("29 weeks pregnant and my bump has gone rock hard and sore", "severe-tummy-pain-in-pregnancy"),
        ("my baby was born 2 weeks ago and now im soaking a pad every hour", "heavy-bleeding-after-birth"),
    ],
)
def test_the_urgent_signs_of_late_pregnancy_and_after_the_birth(kb: KnowledgeBase, text: str, finding: str) -> None:
    screening = kb.screen_text(text)
    assert finding in {found.entry.id for found in kb.findings_in(text).present}
    assert screening.urgency is Urgency.EMERGENCY
    assert screening.route is not None


def test_a_new_baby_is_not_the_age_of_the_writer(kb: KnowledgeBase) -> None:
    screening = kb.screen_text("had baby 2 weeks ago, fever and back pain, feel awful")
    assert screening.reading is not None
    assert screening.reading.age is None
    assert screening.urgency is Urgency.EMERGENCY  # a fever after a birth: the maternity unit now
    assert screening.route is not None
    assert "maternity unit" in screening.route


@pytest.mark.parametrize(
    "text",
    [
        "had an epidural in labour last week and my back is sore",  # a past labour
        "bleeding a lot from a cut on my knee, back ache",  # no birth
        "my back hurts for 36 weeks now",  # a duration, not a pregnancy
    ],
)
def test_pregnancy_words_out_of_place_are_not_read_as_its_signs(kb: KnowledgeBase, text: str) -> None:
    ids = {found.entry.id for found in kb.findings_in(text).findings}
    assert not ids & {"contractions-in-pregnancy", "heavy-bleeding-after-birth", "pregnancy", "waters-breaking"}


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("back pain and a fever, and now throwing up and confused", Urgency.EMERGENCY),  # sepsis
        ("confused about which exercises to do for my back", Urgency.SELF_CARE),  # no fever: no sepsis
        ("20 weeks pregnant, back ache and burning wee", Urgency.URGENT),  # maternity unit
        ("34 weeks pregnant, a small cut on my thumb bleeding, backache", Urgency.SOON),  # not vaginal bleeding
    ],
)
def test_more_wordings_from_the_clinical_review(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("came off a motorbike 10 years ago and my back still aches", Urgency.SOON),  # an old injury
        ("fell off a roof as a teenager, back is stiff in the mornings", Urgency.SOON),  # words to check
        ("was in a car crash back in 2012, back ache on and off", Urgency.SOON),
        ("came off my motorbike 3 days ago and my back hurts", Urgency.EMERGENCY),  # recent: still major trauma
        ("fell from a ladder 2 weeks ago and my back hurts", Urgency.EMERGENCY),
    ],
)
def test_an_injury_long_ago_is_not_a_major_injury_now(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


def test_a_long_ago_injury_does_not_deny_the_pain_that_began_then(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("my back pain started 2 years ago")
    assert [found.entry.id for found in reading.present] == ["back-pain"]


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("legs like jelly after a long run, lower back tight", Urgency.SELF_CARE),
        ("my legs went weak after lifting a heavy box and my back hurts", Urgency.EMERGENCY),  # not sport
        ("sciatica down my right leg and now the other leg has started too", Urgency.EMERGENCY),
        ("got tackled at football, neck pain and pins and needles in both arms", Urgency.EMERGENCY),
        ("jumped down about 4 metres off a wall, back pain since", Urgency.EMERGENCY),
    ],
)
def test_legs_arms_and_injuries_as_the_review_asked(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("at 80 i have started getting back pain", 80),
        ("72 and tripped on the stairs, back hurts", 72),
        ("back pain at 8 out of 10", None),
        ("the pain is at 30 and i cant sleep", None),
    ],
)
def test_more_ways_of_giving_an_age(kb: KnowledgeBase, text: str, age: int | None) -> None:
    reading = kb.findings_in(text)
    assert (reading.age.value if reading.age is not None else None) == age


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("33 weeks, leaking clear fluid and backache", Urgency.EMERGENCY),  # waters, from the gestation
        ("a week after giving birth, fever and back pain", Urgency.EMERGENCY),  # the maternity unit now
        ("pins and needles in my hands when i sleep on them, neck fine", Urgency.SELF_CARE),
        ("my arms feel weak after carrying boxes all day, neck aches", Urgency.SELF_CARE),
    ],
)
def test_the_last_wordings_from_the_clinical_review(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("34 weeks, baby isnt moving much today", "reduced-fetal-movements"),
        ("30 wks and bleeding", "bleeding-in-pregnancy"),
        ("38 weeks, contractions started an hour ago", "contractions-in-pregnancy"),
        ("due in 3 weeks, spotting", "bleeding-in-pregnancy"),
    ],
)
def test_a_gestation_written_alone_is_a_pregnancy(kb: KnowledgeBase, text: str, finding: str) -> None:
    ids = {found.entry.id for found in kb.findings_in(text).present}
    assert {"pregnancy", finding} <= ids
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize("text", ["back pain for 24 weeks, still sore", "6 weeks, back pain not improving"])
def test_a_duration_is_not_a_gestation(kb: KnowledgeBase, text: str) -> None:
    assert "pregnancy" not in {found.entry.id for found in kb.findings_in(text).findings}


@pytest.mark.parametrize(
    "text",
    [
        "my right arm and leg wont work properly",
        "the left side of my body feels numb since lunch",
        "right sided weakness in my arm and leg",
        "a curtain came down over my left eye for a minute",
        "the headache hit me like a hammer out of nowhere",
        "left leg sciatica for weeks and now the right leg as well",
        "numb right leg and now the left has gone numb too",
        "10 days post c section and bleeding loads with big clots",
        "fever and back pain and shes talking nonsense",
        "tackled at rugby and now i cant move my arms properly",
    ],
)
def test_emergencies_in_the_second_reviews_wordings(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize(
    ("text", "urgency"),
    [
        ("saw double years ago with a migraine, fine now, neck ache today", Urgency.SOON),
        ("my lip went numb at the dentist from the injection, neck stiff", Urgency.SELF_CARE),
        ("dizzy when i stood up too fast, neck stiff", Urgency.SELF_CARE),
        ("had my baby 2 years ago, fever and back pain", Urgency.URGENT),  # no longer a recent birth
        ("cancer scare was all clear, back ache", Urgency.SELF_CARE),
        ("fell off a roof last year, and again this morning, back agony", Urgency.EMERGENCY),
    ],
)
def test_what_the_second_review_found_over_or_under_read(kb: KnowledgeBase, text: str, urgency: Urgency) -> None:
    assert kb.screen_text(text).urgency is urgency


def test_the_obstetric_shorthand_is_a_pregnancy(kb: KnowledgeBase) -> None:
    assert kb.screen_text("34/40 and bleeding, back ache").urgency is Urgency.EMERGENCY
    assert "pregnancy" not in {found.entry.id for found in kb.findings_in("pain is 8/10 in my back").findings}


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        ("theres no feeling around my genitals", "saddle-anaesthesia"),
        ("there is no feeling in my bum", "saddle-anaesthesia"),
        ("theres no wee coming out", "urinary-retention"),
    ],
)
def test_a_denial_word_that_is_the_findings_own_is_a_loss(kb: KnowledgeBase, text: str, finding: str) -> None:
    """ "No feeling" is a loss, not a denial, even when the "no" also ends a denial cue ("there's no")."""
    assert finding in {found.entry.id for found in kb.findings_in(text).present}
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("havent lost weight, back ache", "weight-loss"),
        ("i have never had to push to start peeing", "urinary-retention"),
        ("havent had to push to start peeing", "urinary-retention"),
    ],
)
def test_a_denial_whose_last_words_begin_a_finding_still_denies_it(kb: KnowledgeBase, text: str, denied: str) -> None:
    found = [found for found in kb.findings_in(text).findings if found.entry.id == denied]
    assert found
    assert all(item.negated for item in found)


def test_words_of_the_past_inside_a_finding_do_not_deny_it(kb: KnowledgeBase) -> None:
    """ "Has gone" says the numbness came ("has gone numb"), not that it went."""
    reading = kb.findings_in("everything between my legs has gone numb")
    assert "saddle-anaesthesia" in {found.entry.id for found in reading.present}
    gone = kb.findings_in("the numbness in my bum has gone, back ache")
    assert [found.how for found in gone.findings if found.entry.id == "saddle-anaesthesia"] == ["negated"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("numbness spreading to my bottom", "saddle-anaesthesia"),
        ("i cant feel the toilet seat", "saddle-anaesthesia"),
        ("feels like ive had an epidural down there", "saddle-anaesthesia"),
        ("bladder feels like its going to burst but i cant go", "urinary-retention"),
        ("i try to wee and nothing", "urinary-retention"),
        ("the wee just wont come", "urinary-retention"),
        ("pee just comes out", "urinary-incontinence"),
        ("ive lost bladder control", "urinary-incontinence"),
        ("woke up in a wet bed", "urinary-incontinence"),
        ("i pee without meaning to", "urinary-incontinence"),
        ("my bowels just went", "bowel-incontinence"),
        ("i have to drag both my legs", "weakness-in-both-legs"),
        ("legs giving up on me", "weakness-in-both-legs"),
    ],
)
def test_more_everyday_words_for_cauda_equina_signs(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text + ", back pain").present}


def test_a_word_of_another_findings_phrasing_across_a_comma_is_not_a_part(kb: KnowledgeBase) -> None:
    """The "pain" of "back pain" does not make "legs ... pain" when a comma stands between them."""
    for text in ("legs are fine, back pain", "no weakness in my legs, back pain", "my legs are ok, back pain"):
        assert "pain-in-both-legs" not in {found.entry.id for found in kb.findings_in(text).findings}
        assert kb.screen_text(text).urgency is not Urgency.EMERGENCY
    # within a clause the words are still shared: "lower back and belly pain" is low back pain
    assert "low-back-pain" in {found.entry.id for found in kb.findings_in("lower back and belly pain").present}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("pressure in my chest", "chest-pain"),
        ("a tight band round my chest", "chest-pain"),
        ("felt like my back was being ripped open, came on suddenly", "sudden-tearing-back-pain"),
        ("i can feel a heartbeat in my belly", "pulsating-abdomen"),
        ("her skin has gone mottled", "signs-of-sepsis"),
        ("neck is so stiff and the light hurts my eyes", "signs-of-meningitis"),
        ("came round on the bathroom floor", "collapse"),
        ("my toes catch on the carpet when i walk", "foot-drop"),
        ("temp 38.6", "fever"),
        ("my belt needs new holes", "weight-loss"),
        ("stage 4 breast cancer", "history-of-cancer"),
        ("cant get an erection since this started", "sexual-dysfunction"),
        ("bilat LL weakness", "weakness-in-both-legs"),
        ("reduced sensation S3-5", "saddle-anaesthesia"),
    ],
)
def test_more_everyday_and_clinical_words_for_emergency_signs(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text + ", back pain").present}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("my bum is so numb", "saddle-anaesthesia"),
        ("my legs have also gone weak", "weakness-in-both-legs"),
        ("i genuinely cannot feel the pad in my knickers", "saddle-anaesthesia"),
        ("it feels kind of numb down there", "saddle-anaesthesia"),
        ("my bum just went numb", "saddle-anaesthesia"),
    ],
)
def test_an_intensifier_before_a_statement_word_is_read_through(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text).present}


def test_an_intensifier_before_any_other_word_is_read_as_written(kb: KnowledgeBase) -> None:
    """ "Just" and "also" still end a denial before a new item ("no fever, just back pain")."""
    reading = kb.findings_in("no fever, just back pain")
    assert [(found.entry.id, found.how) for found in reading.findings] == [
        ("fever", "negated"),
        ("back-pain", "present"),
    ]
    assert [found.how for found in kb.findings_in("no fever also no chills").findings] == ["negated", "negated"]
    assert kb.findings_in("really bad back pain").pain_severity is not None


def test_a_fever_on_chemotherapy_is_an_emergency(kb: KnowledgeBase) -> None:
    screening = kb.screen_text("having chemo for breast cancer and a temp of 38.3, back pain")
    assert screening.reading is not None
    assert {"chemotherapy", "history-of-cancer", "fever"} <= {found.entry.id for found in screening.reading.present}
    assert screening.urgency is Urgency.EMERGENCY


@pytest.mark.parametrize(
    ("text", "found"),
    [("wekness in both legs", "weakness-in-both-legs"), ("my bladdder wont empty", "urinary-retention")],
)
def test_a_word_one_letter_from_a_long_lexicon_word_is_read_as_it(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text).present}


def test_near_misspellings_keep_their_first_letter_and_change_no_letter(kb: KnowledgeBase) -> None:
    """ "Afebrile" is not "febrile" (a first letter added), nor "plans" "pains" (a letter changed)."""
    assert "fever" not in {item.entry.id for item in kb.findings_in("afebrile, back ache").present}
    assert [item.entry.id for item in kb.findings_in("making plans").findings] == []


def test_a_sign_that_went_by_the_evening_is_denied_but_one_that_went_on_is_not(kb: KnowledgeBase) -> None:
    gone = kb.findings_in("numb bum after the class but that went by the evening. now just the ache")
    assert [found.how for found in gone.findings if found.entry.id == "saddle-anaesthesia"] == ["negated"]
    lasting = kb.findings_in("my legs went weak and it went on for hours")
    assert "weakness-in-both-legs" in {found.entry.id for found in lasting.present}


def test_legs_gone_dead_are_numb_and_heavy_swollen_legs_are_no_sign(kb: KnowledgeBase) -> None:
    assert "numbness-in-both-legs" in {found.entry.id for found in kb.findings_in("my legs went dead").present}
    assert "weakness-in-both-legs" in {found.entry.id for found in kb.findings_in("my legs just went").present}
    assert kb.findings_in("my legs feel heavy and swollen at the end of a hot day").findings == ()


@pytest.mark.parametrize(
    "text", ["my waterworks are playing up", "my bowels have changed", "going to the loo feels different"]
)
def test_a_change_in_the_bladder_or_bowels_is_a_cauda_equina_sign(kb: KnowledgeBase, text: str) -> None:
    screening = kb.screen_text(text + ", back pain")
    assert "new-bladder-or-bowel-dysfunction" in {found.entry.id for found in kb.findings_in(text).present}
    assert screening.urgency is Urgency.EMERGENCY


def test_a_known_aneurysm_with_low_back_pain_of_unknown_onset_is_an_emergency(kb: KnowledgeBase) -> None:
    assert kb.screen_text("known aortic aneurysm, lower back ache").urgency is Urgency.EMERGENCY


def test_doubt_and_a_no_after_a_question_deny(kb: KnowledgeBase) -> None:
    hedged = kb.findings_in("dont think i have a temperature, back ache")
    assert [found.how for found in hedged.findings if found.entry.id == "fever"] == ["negated"]
    answered = kb.findings_in("my GP asked if I had trouble getting an erection, I said no")
    assert all(found.negated for found in answered.findings if found.entry.id == "sexual-dysfunction")
    assert "feeling-unwell" not in {found.entry.id for found in kb.findings_in("im fine in myself").present}


def test_vague_words_count_as_items_of_a_denied_list(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("Denies bladder or bowel dysfunction, saddle anaesthesia, bilateral leg sx.")
    assert [found.entry.id for found in reading.present] == []
    assert "saddle-anaesthesia" in {found.entry.id for found in reading.set_aside}
    # two items across a comma are still a denial and a statement, the cautious reading
    assert "saddle-anaesthesia" in {found.entry.id for found in kb.findings_in("no fever, saddle numbness").present}


def test_gone_before_what_something_became_is_no_past(kb: KnowledgeBase) -> None:
    """ "Have gone blue" is a change: the fever before it still counts, and blue lips are a sign of
    sepsis; "the numbness has gone" is still in the past."""
    screening = kb.screen_text("fever and my lips have gone blue, back pain")
    assert screening.reading is not None
    assert {"fever", "signs-of-sepsis"} <= {found.entry.id for found in screening.reading.present}
    assert screening.urgency is Urgency.EMERGENCY
    assert next(found.how for found in kb.findings_in("the numbness has gone, back pain").findings) == "negated"
    assert [found.how for found in kb.findings_in("fever has gone since yesterday").findings] == ["negated"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("my legs dont feel strong", "weakness-in-both-legs"),
        ("lost the power in my legs", "weakness-in-both-legs"),
        ("i feel weak from the waist down", "weakness-in-both-legs"),
        ("went to the loo and couldnt go", "urinary-retention"),
        ("i havent passed any water", "urinary-retention"),
    ],
)
def test_still_more_words_for_weak_legs_and_retention(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text + ", back pain").present}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("my partner now can't feel when he wipes", "saddle-anaesthesia"),
        ("his bladder is full but he can't go", "urinary-retention"),
        ("she didnt know she had pooed", "bowel-incontinence"),
        ("i colapsed at home", "collapse"),
    ],
)
def test_carers_words_and_common_misspellings_are_read(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text + ", back pain").present}


def test_nearly_not_making_it_to_the_loo_is_no_incontinence(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("tummy upset, nearly didnt make it to the loo, back pain")
    assert "urinary-incontinence" not in {found.entry.id for found in reading.findings}


@pytest.mark.parametrize(
    "text",
    [
        "it just came on last night",
        "I tried but nothing helps",
        "I still can't go to work",
        "back pain not responding to physio",
        "normal power bilaterally",
        "bilateral numbness in fingers",
        "my left knee is bad and the right one is going the same way",
        "I went down a flight of stairs",
        "sore throat and a chest infection",
        "can't put my chin on my chest since I slept funny",
        "tore a muscle in my chest at the gym",
        "lost my libido",
        "bowel urgency with my IBS",
        "my waters have been leaking",
        "I use pads for my period",
        "stage 3 kidney disease",
    ],
)
def test_everyday_words_the_clinical_review_found_over_read_are_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text + ", back pain").urgency is not Urgency.EMERGENCY


def test_a_temperature_below_36_is_a_sign_of_sepsis_not_a_normal_one(kb: KnowledgeBase) -> None:
    """NICE NG51 counts a temperature under 36 °C as a sepsis risk criterion."""
    assert "signs-of-sepsis" in {found.entry.id for found in kb.findings_in("temp 35.2 and shivering").present}
    assert kb.findings_in("temp 36.8, back pain").present[0].entry.id == "back-pain"


def test_what_near_misspellings_found_is_kept_for_a_bounded_number_of_words(kb: KnowledgeBase) -> None:
    from spinekb._reading import lexicon as lexicons

    near = lexicons.compiled(kb._catalog if hasattr(kb, "_catalog") else kb, "en").near
    near.word("wekness")
    assert near.word("wekness") == "weakness"
    for number in range(lexicons.NEAR_KEPT + 10):
        near.word(f"zzqx{number}word")
    assert 0 < len(near._seen) <= lexicons.NEAR_KEPT
    assert near.word("wekness") == "weakness"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # session 32, from the fifth development writer's phrase bank
        ("he cant stand the light and has a stiff neck", "signs-of-meningitis"),
        ("my baby's fontanelle is bulging", "signs-of-meningitis"),
        ("a blotchy rash that stays when you press on it", "signs-of-sepsis"),
        ("like velcro being ripped inside my back", "sudden-tearing-back-pain"),
        ("something in my belly pumping", "pulsating-abdomen"),
        ("heavy feeling in my chest", "chest-pain"),
        ("she fell and didnt respond for a few seconds", "collapse"),
        ("have to swing my leg out to stop my toes catching", "foot-drop"),
        ("bladder's bursting but nowt comes", "urinary-retention"),
        ("i had no idea i'd gone until i smelt it", "bowel-incontinence"),
        ("knocked down by a bus", "major-trauma"),
    ],
)
def test_the_fifth_writers_words_for_emergency_signs_are_read(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text + ", back pain").present}


@pytest.mark.parametrize(
    "text",
    [
        "back feels like its ripping when i bend",
        "sore chest muscles from coughing",
        "chest is sore from coughing with a chest infection",
        "i drag my leg because the pain is bad when i put weight on it",
        "he is hot headed",
    ],
)
def test_look_alikes_of_this_rounds_words_are_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text + ", back pain").urgency is not Urgency.EMERGENCY


def test_a_condition_confirmed_after_the_question_counts_as_said(kb: KnowledgeBase) -> None:
    asked = "should i go to a&e if my bum is numb?"
    assert read(kb, asked) == [("saddle-anaesthesia", "hypothetical", "my bum is numb")]
    assert kb.screen_text(asked).urgency is Urgency.SOON
    for confirmed in (f"{asked} cos it is", "is it serious if your legs go weak? because they are"):
        assert kb.screen_text(confirmed).urgency is Urgency.EMERGENCY, confirmed
    # only the nearest finding, only when it was asked about, and not from words that say nothing
    assert read(kb, "what if i cant pee? cos i can") == [("urinary-retention", "hypothetical", "cant pee")]
    assert read(kb, "if i get a fever and it is getting worse")[0][1] == "hypothetical"
    assert read(kb, "no fever, cos it is fine")[0][1] == "negated"


def test_a_cauda_equina_sign_that_settled_days_ago_still_counts(kb: KnowledgeBase) -> None:
    """GIRFT 2023: a bladder or saddle symptom that came and went is still a red flag (the third
    review of session 32 found "its gone now" reaching back across a day and denying it)."""
    for text in ("wet myself on monday, its gone now", "numb between my legs since saturday, better now"):
        assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text
    # a time between a sign and another finding's "all clear" still keeps the cue off the sign
    assert read(kb, "cant pee since last night, covid neg")[0][:2] == ("urinary-retention", "present")


def test_a_second_word_about_the_same_legs_is_read_too(kb: KnowledgeBase) -> None:
    """ "legs are numb and weak": the legs are weak as well as numb (the weakness was not read)."""
    found = {item.entry.id for item in kb.findings_in("since this morning his legs are numb and weak").present}
    assert {"numbness-in-both-legs", "weakness-in-both-legs"} <= found
    found = {item.entry.id for item in kb.findings_in("both legs feel numb and heavy").present}
    assert "weakness-in-both-legs" in found
    # a denial reaches the second word too, and a new statement after the join is no second word
    assert {item.how for item in kb.findings_in("no tingling in my legs or bum").findings} == {"negated"}
    assert read(kb, "my legs are numb and i cant pee")[1][0] == "urinary-retention"


def test_the_writers_own_words_inside_a_denied_finding_do_not_end_the_denial(kb: KnowledgeBase) -> None:
    for text in (
        "no weakness in my legs or saddle numbness",
        "denies pain in my legs or bladder problems",
        "my back hurts but i don't have any of the scary stuff like numbness in my privates or wetting myself",
    ):
        assert kb.screen_text(text).urgency is not Urgency.EMERGENCY, text
    # a new subject after the finding still ends it
    assert kb.screen_text("no fever and my legs are weak").urgency is Urgency.EMERGENCY


def test_a_finding_read_inside_another_shares_what_the_cue_said_of_it(kb: KnowledgeBase) -> None:
    """ "if my legs go weak or numb": "legs go weak" is read inside "my legs go weak or numb"; the
    condition holds for both, and for the alternative after them ("or i cant pee")."""
    text = "been told to ring 999 if my legs go weak or numb or i cant pee. none of that, just sore"
    assert {how for _, how, _ in read(kb, text)} == {"hypothetical"}
    assert {how for _, how, _ in read(kb, "no numbness or weakness in legs")} == {"negated"}
    assert {how for _, how, _ in read(kb, "my legs go weak or numb and i cant pee")} == {"present"}


def test_vague_words_give_way_to_a_finding_that_begins_inside_them(kb: KnowledgeBase) -> None:
    """ "both legs" alone is vague; "legs feel like noodles" inside "both legs feel like noodles" is weakness."""
    assert read(kb, "both legs feel like noodles") == [("weakness-in-both-legs", "present", "legs feel like noodles")]
    assert [mention.text for mention in kb.findings_in("both legs, back pain").unclear] == ["both legs"]


def test_an_ampersand_standing_alone_is_and(kb: KnowledgeBase) -> None:
    assert read(kb, "pins & needles in both feet")[0][0] == "numbness-in-both-legs"
    # inside a word it is nothing: "A&E" does not split a question from what it asks about
    text = "Are you supposed to go to A&E for numbness in your privates? I don't have that, just a sore back"
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "i passed out on the couch as soon as i got home, back is killing me",
        "sneezed and felt my back tear, like a pulled muscle",
        "my leg went dead from sitting on the toilet too long",
        "i thought i had sepsis last week but the gp said its just flu, now my back hurts",
    ],
)
def test_the_sixth_development_writers_look_alikes_are_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("when i wipe after the toilet its like theres nothing there", "saddle-anaesthesia"),
        ("i keep throwing up, my head is pounding and my neck is made of concrete", "signs-of-meningitis"),
        ("she went down in the supermarket, out for maybe a minute", "collapse"),
        ("hadnt actually been to the toilet for a wee since yesterday teatime", "urinary-retention"),
        ("my both leg very weak", "weakness-in-both-legs"),
        ("a throbbing thing just above my belly button", "pulsating-abdomen"),
    ],
)
def test_the_sixth_development_writers_words_are_read(kb: KnowledgeBase, text: str, found: str) -> None:
    assert found in {item.entry.id for item in kb.findings_in(text + ", back pain").present}


def test_a_stiff_neck_or_light_sensitivity_with_a_fever_anywhere_in_the_message_is_meningitis(
    kb: KnowledgeBase,
) -> None:
    """NHS: a stiff neck with a fever is an emergency, however far apart the message says them."""
    text = "temp of 39 since last night. back aches. my neck is really stiff today"
    assert "signs-of-meningitis" in {found.entry.id for found in kb.findings_in(text).present}
    assert kb.screen_text("fever 38.5 since this morning and the light hurts my eyes").urgency is Urgency.EMERGENCY
    # without a fever, or with the fever denied, a stiff neck is neck pain
    for text in ("stiff neck from sleeping funny", "no fever but my neck is stiff"):
        assert "signs-of-meningitis" not in {found.entry.id for found in kb.findings_in(text).present}, text


def test_confusion_with_a_fever_anywhere_in_the_message_is_a_sign_of_sepsis(kb: KnowledgeBase) -> None:
    text = "fever last night. he doesnt know where he is this morning"
    assert "signs-of-sepsis" in {found.entry.id for found in kb.findings_in(text).present}
    assert "signs-of-sepsis" not in {found.entry.id for found in kb.findings_in("no fever, a bit muddled").present}


def test_a_seizure_or_a_funny_turn_is_a_collapse(kb: KnowledgeBase) -> None:
    for text in ("she had a seizure at 3am", "had a funny turn this morning"):
        assert "collapse" in {found.entry.id for found in kb.findings_in(text).present}, text
    assert kb.findings_in("had a fit of coughing").findings == ()


@pytest.mark.parametrize(
    "text",
    [
        # from the third clinical review of session 32: what is not a confirmation
        "should i go to a&e if my bum is numb? cos it is not",
        "do i go to a&e if i wet myself? which i dont",
        "is it an emergency if my bum is numb? cos i have piles",
        "do i need to worry about wetting myself? because im pregnant",
        "should i go to a&e if my legs are numb? yes it is my first time asking",
        # a label's answer denies both words of "numb and weak"
        "legs numb & weak - nil",
        "legs numb or weak: no",
        # "and" after a body part is no second word about the same thing
        "tingling in my fingers and feet",
        # everyday words that are no emergency sign
        "sore chest from the flu",
        "my chest is sore from coughing all week",
        "stomach is throbbing from period cramps",
        "i faint at the sight of needles",
        "felt really faint after giving blood",
        "i cant empty the dishwasher with my bad back",
        "cant perform in bed because my back hurts too much",
        "like a leaky tap when i laugh since having kids",
        "my back ripped my jeans lol",
        "felt something tear in my back lifting at the gym",
        "wobbly on my legs after a few pints",
    ],
)
def test_what_the_third_review_found_over_read_is_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "if my legs give way should i go in? they do",
        "would numbness down there be serious? cause its there now",
        "should i go to a&e if my bum is numb? cos it is now",
        "passed out in the shower this am, back pain been horrible last 2 days",
        "excruciating back pain came on suddenly and im sweating and pale",
        "im 75 and i've got sudden terrible back pain and a pain in my tummy",
        "my bits feel like theyve had a local anaesthetic",
        "i didnt know i needed a poo and it just came out",
    ],
)
def test_what_the_third_review_found_missed_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


# --- ages in days, weeks and months; a fever before 90 days ---


@pytest.mark.parametrize(
    ("text", "days", "words"),
    [
        ("my 6 week old has a fever", 42, "6 week old"),
        ("2 month old baby with a temperature", 60, "2 month old"),
        ("she's 10 weeks old and has a high temperature", 70, "she's 10 weeks old"),
        ("8 wk old, temp 38.5", 56, "8 wk old"),
        ("my 5 month old has a fever", 150, "5 month old"),
        ("my baby is 6 weeks old and has a temperature", 42, "my baby is 6 weeks old"),
        ("our ten day old son is hot and feverish", 10, "ten day old"),
        ("i'm 28. my 8 week old daughter has a temp of 38.3", 56, "8 week old"),
        # the forms the session-34 review found unread
        ("my 6-week-old has a fever", 42, "6-week-old"),
        ("6wk old with a temp of 38.2", 42, "6wk old"),
        ("my 3 mth old has a fever", 90, "3 mth old"),
        ("my 2mo has a fever", 60, "2mo"),
        ("my baby is 6 weeks and has a fever", 42, "my baby is 6 weeks"),
        ("8 wk old temp 38.4 what do i do", 56, "8 wk old"),
        ("my 6 week old's fever", 42, "6 week old's"),
        ("my 6 week old doesnt seem right and has a temp", 42, "6 week old"),
        ("is a fever in a 2 month old serious?", 60, "2 month old"),
        ("her newborn has a fever", 0, "her newborn"),
        ("she is 8 weeks and has a fever", 56, "she is 8 weeks"),
        ("lo is 5 weeks and burning up", 35, "lo is 5 weeks"),
        ("my infant son is 3 weeks and feels hot", 21, "my infant son is 3 weeks"),
        ("shes only 3 weeks and has a temp of 38.1", 21, "shes only 3 weeks"),
        ("our little one is 6 weeks and has a temp of 38", 42, "our little one is 6 weeks"),
        ("my twins are 6 weeks and both have temps", 42, "my twins are 6 weeks"),
    ],
)
def test_an_age_in_days_weeks_or_months_is_read(kb: KnowledgeBase, text: str, days: int, words: str) -> None:
    reading = kb.findings_in(text)
    assert reading.age is not None
    assert (round(float(reading.age.value) * 365), reading.age.text) == (days, words)
    assert reading.pain_duration_weeks is None  # an age, not a duration


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("back pain for 6 weeks", 6.0),
        ("6 weeks of back pain", 6.0),
        ("my 8 week course of physio has not helped, back pain", 8.0),
        ("a 6 week old injury, back pain and a fever", 6.0),
        ("my 6 week old puppy bit me, back pain", 6.0),
        ("i'm 6 weeks post op and have a fever", 6.0),
        ("the bruise is 2 weeks old, back pain", 2.0),
        ("back pain for 3wks", 3.0),  # a unit written with its number
        ("back pain 2mo now", 8.57),
        ("my son is 6 weeks into his recovery and has a fever", 6.0),
        ("had cancer for 2 years, back pain for 3 weeks", 3.0),  # the history's time is not the pain's
    ],
)
def test_a_time_that_is_no_ones_age_stays_a_duration(kb: KnowledgeBase, text: str, weeks: float) -> None:
    reading = kb.findings_in(text)
    assert reading.age is None
    assert reading.pain_duration_weeks is not None
    assert reading.pain_duration_weeks.value == weeks


def test_a_fever_in_a_baby_under_3_months_is_an_emergency(kb: KnowledgeBase) -> None:
    for text in (
        "my 6 week old has a fever",
        "2 month old baby with a temperature",
        "8 wk old, temp 38.5",
        "im 32 and my 6 week old has a fever",  # the baby's age, not the writer's
        "newborn with a temperature of 38.2",
    ):
        screening = kb.screen_text(text)
        assert screening.urgency is Urgency.EMERGENCY, text
        (flag,) = [f for f in screening.red_flags if f.red_flag.id == "fever-with-back-pain"]
        assert [str(m.kind) for m in flag.applied] == ["age-under"], text
    for text in ("my 3 month old has a fever", "my 5 month old has a fever", "i'm 6 weeks post op and have a fever"):
        assert kb.screen_text(text).urgency is Urgency.URGENT, text
    # without "old", weeks are no age: a pregnancy, not a baby
    assert kb.findings_in("my wife is 36 weeks and has back pain").age is None
    # the writer's own fever, with a baby's age said of the baby
    assert kb.screen_text("my baby is 6 weeks old, i have a fever").urgency is Urgency.URGENT
    # an age given as an argument wins, and may be a fraction of a year
    assert kb.screen_text("has a fever", age=0.1).urgency is Urgency.EMERGENCY
    assert "age: 6 weeks" in str(kb.findings_in("my 6 week old has a fever"))


@pytest.mark.parametrize(
    "text",
    [
        "my baby is 7 weeks old and feels hot",  # a parent's word for a fever
        "my 6 week old is roasting",
        "my 6 week old feels hot to touch",
        "her chest is really hot and my baby is 5 weeks",
        "3 week old newborn is floppy",  # danger signs in a baby, with no fever said
        "my 2 month old is floppy and not feeding",
        "my 6 week old wont wake up properly",
        "my 6 week old feels cold to touch and wont wake up",
        "my 6 week old feels cold and is floppy",
        "my 5 week old has a low temperature",
        "my 7 week old has a weak high pitched cry",
        "my newborn has a fever",
        "my baby has been sleepy and floppy all day, shes 6 weeks",
        "6 week old, very floppy and not interested in feeds",
        "my 4 week old's cry is weak and high pitched",
        "my baby is 6 wks and really hot and wont stop crying",
        "6 wk old hot to tuch not feedin well",
        "my husband is impossible to wake up since his back op",
        # the second review's cases: a newborn named first, no subject word, other words
        "my newborn is floppy",
        "my newborn wont wake up",
        "my newborn feels cold",
        "my newborn is really hot",
        "my newborn son has a temp of 38.5",
        "my baby wont wake",
        "my daughter wont wake",
        "my baby is difficult to rouse",
        "shes 6 weeks and wont wake",
        "my 2 month old is hard to wake",
        "my 6 week old has a cold and is floppy",
        "hes floppy, 7 weeks old",
        "6 week old limp and not feeding",
        "my baby boy is cold and blue round the lips",
        "my baby feels cold",
        "6 week old very pale and cold",
        "he has had temps all night and hes 5 weeks",
        "my 8 week old is crying weakly and not feeding",
        "my 5 week old my mum took his temp and its 38.3",
        "my mum is really hard to wake in the mornings and confused with a uti",
        "indigestion pain in my chest going down my left arm and sweating",  # heart pain called indigestion
        "i had breast cancer and have wind pain wrapping round my ribs",
        # the third review's cases
        "my 5 week old is lying in bed floppy and wont feed",
        "i found my nan in bed floppy and cold",
        "my baby's mattress is floppy and she is floppy too",
        "he is floppy, 5 weeks old",
        "shes hard to wake and very sleepy, 5 weeks",
        "hes 7 weeks and hard to wake up",
        "my husband has a fever and baby feels hot, 6 weeks old",
        "my wife has a fever and so does our 4 week old",
        "my husband has had a temp and our 6 week old too",
        "the newborn has been off his feeds and we think he has a temp of 38",
        "my newborn and i both have a fever",
        "i have a fever and back pain and ive been really hard to wake in the mornings",
        "my baby had a fit, hes 7 weeks old",
        "i had a fit and now my back hurts",
        "my 6 week old is like a rag doll",
        # the fourth review's cases
        "my dad had a fit",
        "my son had a seizure",
        "she is fitting",
        "my son is convulsing",
        "she fitted for 2 minutes",
        "he had a febrile convulsion",
        "my husband wont wake up",
        "i cant wake my dad up",
        "my mum is unresponsive",
        "my husband wont wake, me and my daughter tried shaking him",
        "my daughter is hard to wake up in the mornings and today has a temp and a rash",
        "my son wont wake up for school today, hes got a temp of 39 and a rash",
        "my 5 week old had temps last night",
        "my husband has a fever and the 6 week old feels hot",
        "my husband has a fever and so has our 6 week old",
        "we have a newborn and she has a temp of 38.5",
        "we have a newborn who is floppy",
        "our baby who is floppy",
        "lo is floppy",
        "i had myeloma and now it feels like a belt is squeezing round my middle",
        "my baby had a coughing fit and went blue",
        "my baby is not responding to me",
        "i have a newborn with a temp of 38.2",
        # the fifth review's cases
        "baby 6 weeks has a temp of 38.2",
        "lo 7 weeks has a temp of 38",
        "my dad collapsed, he had a stroke years ago",
        "i fainted. last year i had a back operation",
        "i had cancer and its like a belt being tightened around my chest",
        "my dad is unconscious",
        "she is not responsive",
        "my baby wont respond",
        "i keep passing out",
        "i gave birth 2 weeks ago and have heavy bleeding",
        "my baby had a fit of crying then went blue",
        "my 6 week old went pale and then blue",
        "baby fitting",
        "my son has just had his first seizure",
        "the twins are floppy",
        "he went limp in my arms",
        "i have a newborn who is very hot",
        "my 6 week old went really hot",
        # the sixth review's cases
        "my baby is fitting in his cot",
        "hes not responding at all",
        "the baby isnt responding to anything",
        "he fitted for about 2 minutes",
        "she seized for 2 minutes",
        "he is unconscious",
        "the baby is unconscious and not breathing",
        "my 5 week old has high temps today",
        "i gave birth last week and im losing a lot of blood",
        "i delivered 5 days ago, heavy bleeding soaking a pad an hour",
        "she had another fit today",
        "hes still fitting",
        "the seizures wont stop",
        "we cant stop his seizures",
        "shes been unresponsive to treatment and now wont wake up",
        # the seventh review's cases
        "we are in high temps at the moment and my baby is 6 weeks and has a temp of 38.5",
        "he fell on his back not responding to anything",
        "my 2 month old fitted in her cot",
        "she fitted twice today",
        "hes fitting",
        # the eighth review's cases: look-alike cues that had swallowed a sign
        "i delivered a baby last week and now im bleeding heavily with big clots and back pain",
        "i delivered the baby at 34 weeks and now have a bad headache and swollen face and hands",
        "had a delivery of twins last week, now bleeding heavily and back pain",
        "my son kept fitting in to the evening and has back pain",
        "my 2 year old keeps fitting badly with a high temperature and back pain",
        "we have been having high temperatures on and off all night with the baby, shes 7 weeks old, "
        "and my back is agony",
        "my 6 week olds temps have been in the high 30s here all night, my back hurts from carrying her",
        "he wont wake up in pain, hes 3 with a fever and a rash",
        "he was unconscious for the hip op and still hasnt woken up 6 hours later, back pain",
    ],
)
def test_a_babys_danger_signs_and_a_parents_fever_words_are_an_emergency(kb: KnowledgeBase, text: str) -> None:
    """Healthier Together and the NHS: a hot chest, face or back is a fever, and a baby who is
    hard to wake, floppy, cold to the touch, has a weak high-pitched cry or a temperature under
    36 needs an emergency department or 999."""
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "fever 39 and cant stand bright lights, back pain",
        "my back hurts and i have a fever and cant look at lights",
        "temp of 38.5, back agony and cant bear any light",
        "stiff neck and i cant look at any lights",
        "my son cant look at lights and hes got a stiff neck",
        "fever 38.5 since this morning and the light hurts my eyes",
        "my daughter says the light hurts her eyes and she has a fever and is being sick",
        "stiff neck and cant stand the light",
        "light bothers her eyes and she has a fever",
        "lights hurting her eyes, temp 39",
        "keeps shielding her eyes, temp 39",
        "fotophobia and fever",
        "light sensative and a fever",
        "my son is 4, doesnt like the light and has a temp of 39",
    ],
)
def test_light_that_cannot_be_borne_beside_a_fever_or_a_stiff_neck_is_meningitis(kb: KnowledgeBase, text: str) -> None:
    """The NHS lists a dislike of bright lights among the signs of meningitis: "can't stand,
    bear or look at (any, bright) lights", light that hurts or bothers the eyes, hating it or
    shielding the eyes from it are read as it, beside a fever or a stiff neck."""
    assert "signs-of-meningitis" in {found.entry.id for found in kb.findings_in(text).present}, text
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


def test_light_that_cannot_be_borne_is_not_an_inability_to_stand(kb: KnowledgeBase) -> None:
    for text in ("neck is stiff, cant stand any bright lights", "cant stand the lights, back pain"):
        assert "difficulty-walking" not in {found.entry.id for found in kb.findings_in(text).findings}, text


@pytest.mark.parametrize(
    "text",
    [
        "shes not breathing",
        "dad has stopped breathing",
        "barely breathing",
        "agonal breathing",
        "cant feel a pulse",
        "found him unresponsive in bed",
        "he is lethargic and unresponsive",
        "my mum is confused and unresponsive",
        "no fever, unresponsive, lips blue",
        "she took a sleeping tablet was unresponsive this morning",
        "she was on the phone went unresponsive",
        "fitting unresponsive to meds",
        "found grandad unresponsive to the alarm this morning",
        "no fever, unresponsive, purple rash",
        "my wife is not breathing",
        "my newborn isnt breathing",
        "i dont think shes breathing",
        "if he stops breathing, no fever, purple rash",
        "my son isnt breathing, no fever, blue lips",
        "my daughter is now floppy after vomiting all night",
    ],
)
def test_a_person_not_breathing_or_not_responding_is_an_emergency(kb: KnowledgeBase, text: str) -> None:
    """Someone unresponsive or not breathing needs emergency services, whatever the cause; before
    session 35 each of these (from the session's clinical reviews) was read lower, most as
    nothing at all. Its advice is the first-aid one: call, keep the phone on speaker, and start
    chest compressions for someone not breathing normally."""
    screening = kb.screen_text(text)
    assert screening.urgency is Urgency.EMERGENCY, text
    if "unresponsive-or-not-breathing" in {found.entry.id for found in kb.findings_in(text).present}:
        assert "chest compressions" in str(screening), text


def test_a_sign_said_only_directly_neither_takes_nor_passes_on_a_denial_along_a_list(kb: KnowledgeBase) -> None:
    """``Cues.said_directly``: no one lists "unresponsive" among things denied, so a denial
    before it stops short of it, and it does not lengthen a list that carries one."""
    reading = kb.findings_in("no fever, unresponsive, purple rash")
    assert [(found.entry.id, found.negated) for found in reading.findings] == [
        ("fever", True),
        ("unresponsive-or-not-breathing", False),
        ("signs-of-sepsis", False),
    ]
    assert [found.negated for found in kb.findings_in("not unresponsive").findings] == [True]
    # a bare "no" opening the answer to "is he breathing?" says the sign is there
    for answer in ("no hes not breathing", "nope not breathing", "is he breathing? no, hes unresponsive"):
        assert kb.screen_text(answer).urgency is Urgency.EMERGENCY, answer
    assert kb.screen_text("no, hes not unresponsive").urgency is not Urgency.EMERGENCY
    clinician = kb.findings_in("denies saddle anaesthesia, urinary retention, faecal incontinence")
    assert len(clinician.findings) == 3
    assert all(found.negated for found in clinician.findings)


def test_treatment_that_does_not_work_is_not_a_person_who_does_not_respond(kb: KnowledgeBase) -> None:
    for text in (
        "my back pain is unresponsive to physio",
        "back pain unresponsive to painkillers",
        "the sciatica has been unresponsive to treatment",
    ):
        assert kb.screen_text(text).urgency is not Urgency.EMERGENCY, text
    reading = kb.findings_in("if he stops breathing should i do cpr")
    assert [found.hypothetical for found in reading.findings if found.entry.id == "unresponsive-or-not-breathing"] == [
        True
    ]


def test_a_written_temperature_is_read_on_the_cautious_side(kb: KnowledgeBase) -> None:
    """A reading in the normal range is not taken to deny a fever (the session-34 review found
    that doing so hid a later high reading and the danger signs read with a fever word), and
    a low one in Fahrenheit is a sign of sepsis."""
    for text in ("temp was 36.8 this morning now 38.9 and back pain", "my 8 week old had a temp of 36.5 but now 38.2"):
        assert "fever" in {found.entry.id for found in kb.findings_in(text).present}, text
    assert kb.screen_text("my 6 week old temp 36.9 and floppy").urgency is Urgency.EMERGENCY
    assert kb.screen_text("my 6 week old has a temp of 38.2").urgency is Urgency.EMERGENCY
    assert "fever" in {found.entry.id for found in kb.findings_in("back pain, temp of 99.5").present}
    assert "fever" in {
        found.entry.id for found in kb.findings_in("my 6 week old, hubby took her temp its 38.4").present
    }
    assert kb.screen_text("back pain, temp of 35.5").urgency is Urgency.EMERGENCY  # too low: sepsis
    assert kb.screen_text("my 6 week old temp 96 degrees").urgency is Urgency.EMERGENCY


def test_a_babys_age_is_not_given_to_another_persons_fever(kb: KnowledgeBase) -> None:
    for text in (
        "we have a 7 week old and my husband has a fever",
        "my husband has a fever and back pain and our 6 week old seems fine",
        "my partner has a fever, our 6 week old is fine",
        "my partner has a temp of 38 and back pain, our 4 week old is asleep",
    ):
        assert kb.findings_in(text).age is None, text
        assert kb.screen_text(text).urgency is Urgency.URGENT, text
    # the baby's own fever still counts, whoever reports it
    for text in (
        "we have a 7 week old and she has a fever",
        "my 6 week old, my mum thinks she has a fever",
        "6 week old, my baby has a high temp",
        "i have a 6 week old and my other half thinks shes got a temperature",
    ):
        assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


def test_my_newborn_may_be_the_writers_recent_birth(kb: KnowledgeBase) -> None:
    """ "My newborn" is read as a recent birth, since the writer may be the mother: the
    session-34 review found that reading it only as the baby hid emergencies after a birth."""
    for text in (
        "my newborn is 2 weeks old and im bleeding heavily with back pain",
        "our newborn has a fever and i have back pain after the epidural",
        "my newborn has a fever",
    ):
        assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text
    assert "recent-birth" in {found.entry.id for found in kb.findings_in("back pain since having my newborn").present}


def test_a_time_after_a_history_is_not_the_pains(kb: KnowledgeBase) -> None:
    for text in (
        "had breast cancer 3 yrs ago and now back pain",
        "had breast cancer 10 yrs ago, band of pain round my middle",
    ):
        assert kb.findings_in(text).pain_duration_weeks is None, text
    # after a comma the time is the pain's again
    duration = kb.findings_in("im on steroids, 6 weeks of back pain now").pain_duration_weeks
    assert duration is not None
    assert duration.value == 6.0


@pytest.mark.parametrize(
    "text",
    [
        "my 6 week old back pain is not getting better",  # the pain's age, not a baby's
        "im 72, my 6 week old back pain now has a fever with it",
        "my daughter is 36 weeks and has a fever and back pain",  # a pregnancy, perhaps: no baby's age
    ],
)
def test_a_time_said_of_a_pain_or_a_pregnancy_is_no_babys_age(kb: KnowledgeBase, text: str) -> None:
    age = kb.findings_in(text).age
    assert age is None or (isinstance(age.value, (int, float)) and age.value >= 1), text


# --- band-like pain round the ribs or body (thoracic nerve root pain, NICE NG234) ---


@pytest.mark.parametrize(
    "text",
    [
        "band of pain round my ribs",
        "pain wrapping round my ribs like a belt",
        "pain goes round from my back to the front like a belt",
        "the pain wraps around my side",
        "like a belt round my middle",
        "band like pain",
    ],
)
def test_band_like_pain_round_the_ribs_or_body_is_read(kb: KnowledgeBase, text: str) -> None:
    assert "band-like-pain" in {found.entry.id for found in kb.findings_in(text).present}


@pytest.mark.parametrize(
    "text",
    [
        "tight band around my chest",
        "a band of pain round my chest",
        "my chest is tight like a band",
        "pain wrapping round my chest",
    ],
)
def test_a_band_round_the_chest_stays_chest_pain_an_emergency(kb: KnowledgeBase, text: str) -> None:
    """The heart first: a band round the front of the chest is chest pain, never hidden as nerve
    pain; where it is worded as a band it is read as band-like pain too, so that after cancer
    the advice on spinal cord compression is given beside the heart's."""
    present = {found.entry.id for found in kb.findings_in(text).present}
    assert "chest-pain" in present
    screening = kb.screen_text(text)
    assert screening.urgency is Urgency.EMERGENCY
    assert "from the heart" in str(screening)
    after_cancer = kb.screen_text(f"i had breast cancer, {text}")
    assert after_cancer.urgency is Urgency.EMERGENCY
    if "band" in text:
        assert "band-like-pain" in present
        (cancer,) = [f for f in after_cancer.red_flags if f.red_flag.id == "history-of-cancer"]
        assert cancer.urgency is Urgency.EMERGENCY


def test_band_like_pain_after_cancer_is_an_emergency_as_ng234_directs(kb: KnowledgeBase) -> None:
    for text in (
        "i had breast cancer, now a band of pain round my ribs",
        "prostate cancer 2 years ago, pain goes round from my back to the front like a belt",
        "bowel cancer last year and the pain wraps around my side",
        # wordings the session-34 review found unread
        "i had breast cancer, now pain all the way round my ribs",
        "had myeloma, pain like a belt squeezing round my middle",
        "had breast cancer, girdle pain round my middle",
        "had breast cancer, pain round my back and under my ribs like a belt",
        "had lung cancer and my ribs ache all the way round",
        "had prostate cancer, pain shooting round my left side from my spine",
        "ive had cancer, tight band round my upper tummy",
        "had cancer, band of pain around my torso",
        "my nan has myeloma, shes got a pain that wraps round her side",
        "i had breast cancer, now a band of pain round my chest",  # chest pain: an emergency anyway
    ):
        assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text
    screening = kb.screen_text("i had breast cancer, now a band of pain round my ribs")
    (cancer,) = [f for f in screening.red_flags if f.red_flag.id == "history-of-cancer"]
    assert any("band-like-pain" in m.together_with for m in cancer.applied)
    # someone else's cancer does not make it so; the pain alone is a same-day review, with the heart's signs said
    other = kb.screen_text("my mum had breast cancer, I have a band of pain round my ribs")
    assert other.urgency is Urgency.URGENT
    assert "history-of-cancer" not in {f.red_flag.id for f in other.red_flags}
    assert "tight or heavy" in str(other)


@pytest.mark.parametrize(
    "text",
    [
        "chest pain from a cold, back ache",
        "my chest hurts when i cough",
        "32 weeks pregnant with pelvic girdle pain",
        "i have a bad back and my belt is too tight",
        "had to tighten my belt, back pain",
        "pain under my ribs on the right",
    ],
)
def test_look_alikes_of_band_like_pain_are_not_read_as_it(kb: KnowledgeBase, text: str) -> None:
    assert "band-like-pain" not in {found.entry.id for found in kb.findings_in(text).findings}


# --- a confirmation that names what the writer has ---


@pytest.mark.parametrize(
    ("text", "confirmed"),
    [
        ("can a fever cause back pain? cos i have one", "fever"),
        ("can a fever cause back pain cos i have one", "fever"),
        ("does a fever make back pain worse? and i have one", "fever"),
        ("is numbness in both legs serious, which i have", "numbness-in-both-legs"),
        ("is saddle numbness serious? i do have it", "saddle-anaesthesia"),
        ("could a fever be why my back hurts? yes i have one", "fever"),
        ("can a fever cause back pain? cos she has one", "fever"),  # said of the person the message is about
        ("is a fever in a 2 month old serious? cos my son has one", "fever"),
    ],
)
def test_a_confirmation_naming_what_the_writer_has_confirms_what_was_asked_about(
    kb: KnowledgeBase, text: str, confirmed: str
) -> None:
    assert confirmed in {found.entry.id for found in kb.findings_in(text).present}, text


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("can a fever cause back pain? cos i don't", "fever"),
        ("can a fever cause back pain? which i havent", "fever"),
        ("can a fever cause back pain? i dont have one", "fever"),
        ("can a fever cause back pain? cos i have one question", "fever"),  # the cue must end its clause
        ("if i get a fever should i worry? my back hurts. i have one", "fever"),  # only the sentence before
    ],
)
def test_a_denial_or_a_longer_sentence_confirms_nothing(kb: KnowledgeBase, text: str, asked: str) -> None:
    (found,) = [found for found in kb.findings_in(text).findings if found.entry.id == asked]
    assert found.hypothetical, text


def test_a_confirmation_of_having_does_not_pass_a_denied_finding(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("what if i get a fever? no numbness, which i have")
    assert [(found.entry.id, found.how) for found in reading.findings] == [
        ("fever", "hypothetical"),
        ("numbness", "negated"),
    ]
    assert kb.screen_text("can a fever cause back pain? cos i have one").urgency is Urgency.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "my lower back feels cold to the touch",
        "the ice pack was cold to the touch so i used it on my back",
        "my 8 year old daughter feels cold and has back ache",
        "weak crying all night with my sciatica",
        "her back feels hot after the heat pad",
        "hot back and sweaty after my run",
        "trapped wind pain going round my stomach",
        "period pain spreading around my tummy",
        "my trousers feel like a belt squeezing round my middle after christmas dinner",
        "my mattress is floppy and my back hurts",
        "my dog has been floppy all day and my back hurts",
        "i let out a weak cry when i bent over",
        "weight is now 38.5 kg and back pain",
        "my son feels cold and has back ache",
        "my temp is 96.8 is that ok",
        "i have a newborn and my back hurts",
        "my son wont wake me up when he gets in",
        "we had temps of 30 degrees on holiday and my back hurts",
        "in high temps my back feels better",
        "had a fit of coughing and my back hurts",
        "threw me around like a rag doll on the rollercoaster, now back pain",
        "my baby had a fit of crying",
        "im a fit and healthy 40 year old with back pain",
        "my back is not responding to physio",
        "my jeans feel really tight and my back hurts",
        "i was fitted for a back brace last week",
        "my husband is fitting a kitchen and hurt his back",
        "she is fitting in well at her new school",
        "my son has a seizure disorder and back pain",
        "the pain isnt responding at all to ibuprofen",
        "my son wont respond to my texts, he has back pain",
        "my back pain is unresponsive to painkillers",
        "my back is bruised and turned purple",
        "weve had temps in the 30s all week",
        "i work with temps and hurt my back lifting",
        "heavy bleeding on my period and back pain",
        "my back is not responding to anything i try",
        "my daughter doesnt respond to physio",
        "my lower back muscles seized for 2 days",
        "i found him a new physio and my back hurts",
        "high temps forecast this week, my back is sore",
        "i had another fit of coughing and my back went",
        "i took a fit of sneezing and my back locked",
        "my hamstring seized for about 2 minutes",
        "i was unconscious during my spinal surgery and now have back pain",
        "my teenager is lazy and isnt waking up for school, he has back ache",
        "we had high temps in spain last week and my back is worse",
        "temps were in the high 30s in spain and my sciatica flared",
        "i delivered parcels all day in the heat and now my back hurts",
    ],
)
def test_look_alikes_of_the_new_baby_and_band_wordings_are_not_emergencies(kb: KnowledgeBase, text: str) -> None:
    """Over-triage the session-34 reviews found in the new phrasings: local cold or heat, crying
    from pain, tight clothes, floppy things, teenagers who will not get up. (Being "really hard
    to wake up in the mornings" is still read as drowsiness, whoever says it: leaving it out
    hid an infected adult's drowsiness.)"""
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY, text


def _state(kb: KnowledgeBase, text: str, ident: str) -> list[tuple[bool, bool]]:
    """(negated, hypothetical) of each reading of ``ident`` in ``text``."""
    return [(found.negated, found.hypothetical) for found in kb.findings_in(text).findings if found.entry.id == ident]


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("no photophobia, mottled skin, fever 39, 3 year old", "fever"),
        ("no light sensitivity, confused, temp 39, back pain", "fever"),
        ("no photophobia and crushing chest pain", "chest-pain"),
        ("should i be worried about light sensitivity and chest pain", "chest-pain"),
        ("not like him to be drowsy and not responding to me", "unresponsive-or-not-breathing"),
        ("should i worry that she is drowsy and not responding to me", "unresponsive-or-not-breathing"),
    ],
)
def test_vague_words_carry_no_denial_or_question_on_to_a_sign(kb: KnowledgeBase, text: str, ident: str) -> None:
    """Vague words are not read for sure, so they neither lengthen a list ("no photophobia,
    mottled skin, fever 39" is a list of two findings, which a denial does not cross at a comma)
    nor pass a denial or a question on to the finding after them."""
    assert _state(kb, text, ident) == [(False, False)], text
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("no loss of bladder or bowel control", "bowel-incontinence"),
        ("physio here - 39F, L S1 radic, no saddle/B&B sx, power 5/5", "new-bladder-or-bowel-dysfunction"),
    ],
)
def test_vague_words_pass_a_denial_on_along_an_alternative(kb: KnowledgeBase, text: str, ident: str) -> None:
    """Along "or" or a slash a denial still reaches the finding after vague words."""
    assert _state(kb, text, ident) == [(True, False)], text
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "photophobia",
        "im sensitive to light",
        "cant stand the light",
        "the light is killing my eyes",
        "it hurts to look at the light, back pain",
    ],
)
def test_light_sensitivity_alone_is_an_unclear_mention_of_meningitis(kb: KnowledgeBase, text: str) -> None:
    """Without a fever or a stiff neck, light that hurts is not read as meningitis, but it is not
    dropped either: it is unclear, and the answer asks about the emergency signs (soon)."""
    reading = kb.findings_in(text)
    assert "signs-of-meningitis" not in {found.entry.id for found in reading.present}, text
    assert any("signs-of-meningitis" in {entry.id for entry in mention.may_be} for mention in reading.unclear), text
    assert kb.screen_text(text).urgency is Urgency.SOON, text


def test_light_sensitivity_denied_is_no_unclear_mention(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("no fever or photophobia")
    assert reading.unclear == ()
    assert [found.negated for found in reading.findings] == [True]


def test_a_light_headed_feeling_is_not_light_sensitivity(kb: KnowledgeBase) -> None:
    reading = kb.findings_in("cant stand the lightheaded feeling")
    assert (reading.findings, reading.unclear) == ((), ())
    # written in two words after "the", it may be "the light, headed ...": the light words count
    assert kb.findings_in("cant stand the light headed feeling").findings == ()


def test_pulsation_in_the_abdomen_without_a_possessive_is_read(kb: KnowledgeBase) -> None:
    assert [found.entry.id for found in kb.findings_in("pulsation in abdomen").present] == ["pulsating-abdomen"]


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("no confusion and back pain, no fever and collapsed", "collapse"),
        ("nil bladder and back pain, nil fever and numb bum", "saddle-anaesthesia"),
        ("denies swallowing and neck pain, denies dizziness and double vision", "double-vision"),
    ],
)
def test_a_denial_said_again_after_vague_words_is_said_item_by_item(kb: KnowledgeBase, text: str, ident: str) -> None:
    """A denial that stopped at vague words and is said again is the writer's going item by
    item: the second reaches its first finding only ("no fever and collapsed": the collapse counts)."""
    assert _state(kb, text, ident) == [(False, False)], text
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("no photophobia and drowsy", "drowsy"),
        ("no light sensitivity and confused", "confused"),
        ("should i worry about light sensitivity and confusion", "confusion"),
    ],
)
def test_vague_words_carry_no_denial_or_question_on_to_other_vague_words(
    kb: KnowledgeBase, text: str, vague: str
) -> None:
    reading = kb.findings_in(text)
    assert vague in [mention.text for mention in reading.unclear], text
    assert kb.screen_text(text).urgency is Urgency.SOON, text


@pytest.mark.parametrize(
    "text", ["my son cant stand the light", "my husband has photophobia", "my mum is confused", "my son is photophobic"]
)
def test_someone_elses_vague_words_are_asked_about(kb: KnowledgeBase, text: str) -> None:
    """A carer's "my mum is confused" is unclear, marked as someone else's, and the answer asks
    about the emergency signs (they may be that person's, now)."""
    (mention,) = kb.findings_in(text).unclear
    assert mention.other_person
    assert mention.to_dict()["other_person"] is True
    assert kb.screen_text(text).urgency is Urgency.SOON, text
    assert "(someone else's)" in str(kb.findings_in(text))


def test_light_that_cannot_be_borne_is_vague_words_and_no_trouble_standing(kb: KnowledgeBase) -> None:
    for text in ("cant stand the light", "cant bear bright lights"):
        reading = kb.findings_in(text)
        assert reading.findings == (), text
        assert [mention.text for mention in reading.unclear] == [text], text
    for text in ("cant stand the lightheaded feeling when i stand up", "cant stand being light headed all the time"):
        reading = kb.findings_in(text)
        assert (reading.findings, reading.unclear) == ((), ()), text


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("i have to lift my knee high to walk", "foot-drop"),
        ("i have to kick my foot forward to walk", "foot-drop"),
        ("my bladder's just emptying itself", "urinary-incontinence"),
        ("i had diarrhea come out without warning", "bowel-incontinence"),
        ("was knocked down by a car", "major-trauma"),
        ("no, he isnt responding", "unresponsive-or-not-breathing"),
        ("she wont respond", "unresponsive-or-not-breathing"),
    ],
)
def test_everyday_words_for_foot_drop_incontinence_trauma_and_not_responding(
    kb: KnowledgeBase, text: str, ident: str
) -> None:
    assert ident in {found.entry.id for found in kb.findings_in(text).present}, text


@pytest.mark.parametrize(
    "text", ["he is not responding to antibiotics", "she wont respond to my texts", "he isnt responding to physio"]
)
def test_treatment_or_messages_not_responded_to_are_no_emergency(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "my dad cant stand, feeling light headed",
        "she cant stand. feeling lightheaded",
        "he cant stand. light is hurting his eyes",
    ],
)
def test_look_alikes_and_vague_words_do_not_run_across_punctuation(kb: KnowledgeBase, text: str) -> None:
    assert "difficulty-walking" in {found.entry.id for found in kb.findings_in(text).present}, text


@pytest.mark.parametrize(
    "text",
    [
        "should i worry he hates the light, temp 39 and stiff neck",
        "no pulsation in abdomen, confused and temp 39",
        "nil pulsation in abdomen, drowsy, temp 38.9",
        "denies pulsation in abdomen, breathless and temp 39",
    ],
)
def test_a_finding_read_only_beside_another_or_inside_one_does_not_lengthen_a_list(
    kb: KnowledgeBase, text: str
) -> None:
    """Light words read as meningitis only beside a fever are treated as vague words by lists and
    cues, and a finding inside another's words ("confused and temp 39": sepsis, and the fever in
    it) is one item of a list: a denial or question does not cross the comma to the fever."""
    assert "fever" in {found.entry.id for found in kb.findings_in(text).present}, text
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("no bladder, bowel or saddle numbness", "saddle-anaesthesia"),
        ("no ces symptoms, saddle anaesthesia or retention", "urinary-retention"),
    ],
)
def test_a_list_of_vague_words_and_signs_that_ends_in_an_alternative_is_denied(
    kb: KnowledgeBase, text: str, denied: str
) -> None:
    assert _state(kb, text, denied) == [(True, False)], text
    assert kb.screen_text(text).urgency is not Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "my husband is on the floor and wont respond",
        "dad is breathing but isnt responding",
        "hes not really responding",
        "he wont wake up",
        "hes drowsy and wont respond",
        "hes not responding to my calls, found him on the floor",
        "hit by car yesterday, back pain",
        "a car knocked me off my bike",
        "hit by a moped",
    ],
)
def test_more_words_for_not_responding_and_for_being_hit_by_a_vehicle(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "lifting my knees high to walk through the long grass",
        "aqua aerobics lifting my knees high to walk",
        "i kick my leg forward to walk, hip replacement",
        "feels like ive been hit by a bus, flu and back ache",
        "nearly hit by a car",
        "hit by a car wing mirror, elbow sore",
        "she wont wake up in the mornings",
        "the pain is bad and wont respond to painkillers",
        "groggy and not responding to ibuprofen",
    ],
)
def test_look_alikes_of_foot_drop_trauma_and_not_responding(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency.rank <= Urgency.SOON.rank, text


@pytest.mark.parametrize(
    ("text", "ident"),
    [
        ("high steppage gait", "foot-drop"),
        ("i lift my leg up really high to walk", "foot-drop"),
        ("hating the light, temp 39", "signs-of-meningitis"),
        ("lights bothering her, temp 39", "signs-of-meningitis"),
        ("wants the curtains shut, temp 39", "signs-of-meningitis"),
        ("photofobia and fever", "signs-of-meningitis"),
    ],
)
def test_more_words_for_foot_drop_and_light_sensitivity(kb: KnowledgeBase, text: str, ident: str) -> None:
    assert ident in {found.entry.id for found in kb.findings_in(text).present}, text


@pytest.mark.parametrize(
    "text",
    [
        "hes not well and is not responding",
        "she didnt eat and isnt responding to me",
        "mum isnt making sense and is not responding",
        "no fever and not responding",
        "he wont wake up when i shake him",
        "he wont wake up for his feeds and feels hot",
        "he wont wake up for school and has a temp of 39 and a rash",
        "hit by a car door while cycling, flew off",
        "my husband is on the floor, wont respond",
        "mum wont respond",
        "went over the bonnet of a car",
        "rash doesnt fade and temp 39",
        "cant stand the light, headed to bed with a temp of 39",
        "i have back pain and my wife is drowsy and not responding to me",
    ],
)
def test_a_denial_earlier_in_the_sentence_does_not_reach_a_new_clause_and_more_emergencies(
    kb: KnowledgeBase, text: str
) -> None:
    """A finding whose own words open with "and" or "but" is a new clause, which an earlier
    denial does not reach ("hes not well and is not responding"); a sign said only directly is
    not denied for standing inside another finding a denial reached ("no fever and not
    responding"); someone who will not wake when shaken or for feeds is not responding."""
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "he wont wake up for school",
        "she wont wake up in the mornings",
        "my phone is frozen and wont respond",
        "my back is in spasm and wont respond to heat",
        "my legs are like jelly, after the gym",
        "chest is sore, from coughing",
        "i have hay fever and back pain",
        "i have to lift my knees high to walk through the snow",
    ],
)
def test_look_alikes_of_the_third_review(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency.rank <= Urgency.SOON.rank, text


def test_a_high_stepping_gait_across_a_room_is_foot_drop(kb: KnowledgeBase) -> None:
    text = "i have to lift my foot high to walk across the room or i trip"
    assert "foot-drop" in {found.entry.id for found in kb.findings_in(text).present}


@pytest.mark.parametrize(
    "text",
    [
        "my legs are stuck and wont work",
        "found him outside in the snow, hes frozen and isnt responding",
        "my dad is stuck and wont respond",
        "i was hit by a car, door mirror smashed my arm",
        "she collapsed, on the bed now breathing funny",
        "my chest is sore, with a cold sweat and pain down my arm",
        "he wont wake up for school and hes burning up",
        "shes burning up and isnt waking up for school",
        "dad wont wake up and hes breathing funny",
        "no fever but wont wake up",
        "no fever and wont wake up",
        "he wont wake up in the morning, ive been shaking him for ages",
    ],
)
def test_emergencies_the_fourth_review_found_hidden_by_look_alikes(kb: KnowledgeBase, text: str) -> None:
    """Look-alikes do not run across a comma (but into a cause: "after", "from"), a device that
    will not respond is named, and waking words at a routine time are a sign of sepsis beside a
    fever or another sepsis sign."""
    assert kb.screen_text(text).urgency is Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    "text",
    [
        "the app crashed and wont respond so im typing here, bad sciatica",
        "severe sciatica and isnt responding to naproxen",
        "my son wont wake up for school again, teenagers",
        "my dad wont wake up for work",
    ],
)
def test_look_alikes_of_the_fourth_review(kb: KnowledgeBase, text: str) -> None:
    assert kb.screen_text(text).urgency.rank <= Urgency.SOON.rank, text


def test_vague_words_asked_about_are_unclear_and_marked_so(kb: KnowledgeBase) -> None:
    """A question about vague words ("should i worry she is drowsy") may be about a sign that is
    there: they are unclear, marked as asked about, and the answer is never self-care; denied
    vague words are not unclear."""
    text = "should i worry she is drowsy and not feeding and hot 5 week old"
    (mention,) = kb.findings_in(text).unclear
    assert (mention.text, mention.hypothetical, mention.to_dict()["hypothetical"]) == ("drowsy", True, True)
    assert kb.screen_text(text).urgency is Urgency.SOON
    assert "(asked about)" in str(kb.findings_in(text))
    assert kb.findings_in("no photophobia or drowsiness, not confused").unclear == ()
