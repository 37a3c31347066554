"""Who is the source and who the target of a trigger, from word order, prepositions and voice.

Indonesian and English are both subject-verb-object: the source is the nearest actor before the
verb that is not inside a prepositional phrase or a relative clause, and the target is the first
actor after it. Passive forms swap the two ("dilatih NATO", "was attacked by").
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from aliansi.actors.recognize import Mention
from aliansi.events.cues import Cues
from aliansi.events.patterns import trigger_index
from aliansi.nlp import Tokens
from aliansi.nlp.doc import Doc, Sentence


class Span(NamedTuple):
    """The token range a trigger may draw its roles from."""

    first: int
    last: int


def clause_of(doc: Doc, sentence: Sentence, first: int, last: int, cues: Cues) -> Span:
    norm, breaks = doc.tokens.norm, cues.clause_breaks
    # Most sentences have no semicolon; then no gap between words needs looking at.
    semicolon = doc.text.find(";", sentence.start, sentence.end) >= 0
    start = sentence.first
    for position in range(first - 1, sentence.first - 1, -1):
        if norm[position] in breaks or (semicolon and ";" in _gap_before(doc, position + 1)):
            start = position + 1
            break
    end = sentence.last
    # Right after the verb a break word is an adverb: "menutup sementara" (temporarily).
    for position in range(last + 2, sentence.last + 1):
        word = norm[position]
        if word in cues.complementizers:
            continue  # "demanded that Iran release ...": the target is the complement's subject
        if word in breaks or (semicolon and ";" in _gap_before(doc, position)):
            end = position - 1
            break
    return Span(start, end)


def _gap_before(doc: Doc, position: int) -> str:
    tokens = doc.tokens
    if position <= 0 or position >= len(tokens):
        return ""
    return doc.text[tokens.ends[position - 1]:tokens.starts[position]]


def coordinated_clause_start(doc: Doc, start: int, end: int, cues: Cues) -> int:
    """The first token of ", dan …" / ", and …" in [start, end], or of "dan"/"and" right before another
    act's trigger ("mengutuk sabotase itu dan berjanji membantu Finlandia", "condemned the attack and urged
    Iran to ..."): a new coordinated clause, whose actors are not the object of the verb before it.
    end + 1 when there is none."""
    tokens = doc.tokens
    for position in range(start, end + 1):
        if tokens.norm[position] not in cues.coordinators:
            continue
        if "," in _gap_before(doc, position) or (
                position < end and trigger_index(doc.language).match_at(tokens, position + 1) is not None):
            return position
    return end + 1


def possessed(doc: Doc, mention: Mention, cues: Cues) -> bool:
    """ "Negara Sahabat Rusia", "sekutu Moskow", "Russia's allies", "U.S. partners": the actor names whose
    ally it is, not who acts. A bloc's allies are the bloc ("NATO allies agreed")."""
    norm = doc.tokens.norm
    if mention.first > 0 and norm[mention.first - 1] in cues.possessor_nouns:
        return True
    after = mention.last + 1
    if after < len(norm) and norm[after] == "s" and _gap_before(doc, after) in ("'", "\u2019"):
        after += 1  # "Russia's allies"
    return mention.kind != "igo" and after < len(norm) and norm[after] in cues.possessed_nouns


def _compound_modifier(doc: Doc, mention: Mention, cues: Cues) -> bool:
    """ "the Israeli-occupied West Bank", "a UN-brokered deal": an actor joined to such a participle modifies
    a noun that is not its own, which is what the clause is about. Not when that noun is a group the actor
    leads ("Vietnamese-controlled forces"); "a Moscow-based bank" is not in the list and stays Russian."""
    after, norm = mention.last + 1, doc.tokens.norm
    if after >= len(norm) or norm[after] not in cues.modifier_participles:
        return False
    if _gap_before(doc, after) not in cues.compound_joiners:
        return False
    return after + 1 >= len(norm) or norm[after + 1] not in cues.group_nouns


def in_prepositional_phrase(tokens: Tokens, mention: Mention, sentence: Sentence, prepositions: frozenset[str]) -> bool:
    return introducing_word(tokens, mention, sentence, prepositions) in prepositions


def introducing_word(tokens: Tokens, mention: Mention, sentence: Sentence, prepositions: frozenset[str]) -> str:
    """The word that may make the mention a prepositional phrase: the word before it, or its own first word
    when the recognizer kept a connector in it ("Thousands of Nigerians" gives the mention "of Nigerians")."""
    if mention.last > mention.first and tokens.norm[mention.first] in prepositions:
        return tokens.norm[mention.first]
    return tokens.norm[mention.first - 1] if mention.first > sentence.first else ""


def _of_group(doc: Doc, mention: Mention, mentions: list[Mention], cues: Cues) -> bool:
    """ "Opposition groups in Zimbabwe", "Thousands of Nigerians": the phrase names who the unnamed group is,
    so its actor may be the subject. Not when the group noun is itself part of an actor ("Russian troops in
    Ukraine", where Russia acts)."""
    noun = mention.first - 2
    if mention.last > mention.first and doc.tokens.norm[mention.first] in cues.prepositions:
        noun = mention.first - 1  # the mention holds its preposition: "of Nigerians"
    if noun < 0 or doc.tokens.norm[noun] not in cues.group_nouns:
        return False
    return not any(m.first <= noun <= m.last for m in mentions)


def relative_spans(doc: Doc, clause: Span, before: int, cues: Cues) -> list[Span]:
    """ "Moskow, yang memiliki pangkalan di Armenia, menolak": the actors inside are not the subject."""
    spans = []
    for position in range(clause.first, before):
        word = doc.tokens.norm[position]
        # An appositive opens after a comma: "Pakistan, a key U.S. ally in the region, refused".
        if word in cues.relative_markers or (word in cues.appositive_openers and "," in _gap_before(doc, position)):
            # The closing comma may stand right before the trigger: "yang didukung Moskow, menuduh".
            end = next((p for p in range(position + 1, before + 1) if "," in _gap_before(doc, p)), None)
            if end is not None:
                spans.append(Span(position, end - 1))
    return spans


def subject_candidates(doc: Doc, sentence: Sentence, mentions: list[Mention], cues: Cues) -> list[Mention]:
    """The actors of a sentence that may be the subject of a verb, wherever the verb stands: not places, not in
    a prepositional phrase (unless it says who a group is), not possessed, not a compound modifier."""
    return [
        m for m in mentions
        if m.kind != "place"
        and (not in_prepositional_phrase(doc.tokens, m, sentence, cues.prepositions) or _of_group(doc, m, mentions, cues))
        and not possessed(doc, m, cues) and not _compound_modifier(doc, m, cues)
    ]


def subject(doc: Doc, clause: Span, trigger_first: int, subject_like: list[Mention], cues: Cues,
            *, skip: set[int]) -> list[Mention]:
    """The nearest actor before the trigger, with the actors coordinated with it ("Azerbaijan dan Turki").
    `subject_like` is what `subject_candidates` gives for the sentence: the same for each of its verbs."""
    candidates = [m for m in subject_like if clause.first <= m.first and m.last < trigger_first and m.first not in skip]
    if candidates:  # relative clauses are only looked for when there is an actor they may hide
        hidden = relative_spans(doc, clause, trigger_first, cues)
        candidates = [m for m in candidates if not any(span.first <= m.first <= span.last for span in hidden)]
    if not candidates:
        return []
    chosen = [candidates[-1]]
    for mention in reversed(candidates[:-1]):
        if _coordinated(doc, mention, chosen[0], cues):
            chosen.insert(0, mention)
        else:
            break
    return chosen


def _coordinated(doc: Doc, left: Mention, right: Mention, cues: Cues) -> bool:
    """Only "dan"/"and" or a comma stands between two actors."""
    if left.first == right.first:
        return True  # two actors of one phrase: "kedua negara" stands for both
    tokens = doc.tokens
    between = range(left.last + 1, right.first)
    gap = doc.text[left.end:right.start]
    if len(between) == 0:
        return gap.strip() == ","
    return len(between) == 1 and tokens.norm[between[0]] in cues.coordinators


def first_after(doc: Doc, start: int, end: int, mentions: list[Mention], cues: Cues, *,
                exclude: set[str], after_words: frozenset[str] = frozenset()) -> list[Mention]:
    """The first actor in [start, end] (preferring one introduced by `after_words`), with its coordinated partners."""
    window = [m for m in mentions if start <= m.first and m.last <= end and m.code not in exclude]
    if after_words:
        introduced = [m for m in window if m.first > 0 and doc.tokens.norm[m.first - 1] in after_words]
        if introduced:
            window = window[window.index(introduced[0]):]
    if not window:
        return []
    chosen = [window[0]]
    for mention in window[1:]:
        if _coordinated(doc, chosen[-1], mention, cues):
            chosen.append(mention)
        else:
            break
    return chosen


# How many words may stand between "by" and its actor: "by a Ukrainian protester", "by the Russian army".
AGENT_PHRASE_WORDS = 3


def passive_agents(doc: Doc, start: int, end: int, mentions: list[Mention], cues: Cues, *,
                   exclude: set[str]) -> list[Mention]:
    """The agent of a passive verb. With "by"/"oleh" in the clause it is the actor of that phrase, and
    only it ("killed by a roadside bomb outside the Iraqi city" names no agent); without one it is the
    actor right after the verb, as in "dilatih NATO"."""
    tokens = doc.tokens
    markers = [p for p in range(start, end + 1) if tokens.norm[p] in cues.agent_prepositions]
    if not markers:
        return first_after(doc, start, end, mentions, cues, exclude=exclude)
    for marker in markers:
        phrase_end = min(end, marker + AGENT_PHRASE_WORDS)
        inside = [p for p in range(marker + 1, phrase_end + 1) if tokens.norm[p] in cues.prepositions]
        if inside:
            phrase_end = inside[0] - 1
        agents = [m for m in mentions if marker < m.first <= phrase_end and m.code not in exclude]
        if agents:
            return first_after(doc, agents[0].first, end, mentions, cues, exclude=exclude)
    return []


def standing_for(mention: Mention, antecedent: Mention) -> Mention:
    """A pronoun or "negara itu" at its own place in the text, meaning the antecedent's actor."""
    return replace(antecedent, start=mention.start, end=mention.end, first=mention.first, last=mention.last, kind="reference")
