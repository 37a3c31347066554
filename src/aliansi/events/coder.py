"""The event coder: triggers from the language pack, roles from word order, then modality.

Per sentence: find triggers, give each a source and a target, decide negation, modality and
attribution from the words around it, and emit one event per (source, target, code).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from aliansi.actors.recognize import Mention
from aliansi.events import roles
from aliansi.events.codes import cameo
from aliansi.events.cues import Cues, cues
from aliansi.events.patterns import Pattern, Trigger, TriggerChoice, trigger_index, trigger_starters
from aliansi.events.timex import event_date, sentence_dates
from aliansi.nlp.doc import Doc, Sentence

# How many words before a trigger a negator or a modal can stand and still govern it:
# "tidak akan pernah menandatangani", "will not be able to attend".
NEGATION_WINDOW = 3
MODAL_WINDOW = 5
# The speaker named before a speech verb stands next to it, or one or two words off ("Russia has said",
# "Peskov on Monday said"); an actor further back is part of what is said ("Finland will give Tanzania a
# grant, a statement said"), whose speaker is unnamed.
SPEAKER_GAP = 4
# An actor modifying a noun of an act stands right before it or one noun off ("Israeli tank shelling").
MODIFIER_GAP = 2
# Any character that is not part of a word, a space or a hyphen.
_PUNCTUATION = re.compile(r"[^\w\s-]")
# A wished act follows its verb of wanting (or the actor after it) closely: "wants to attack", "seeking to deepen".
WISH_GAP = 2

# A declared future act by the actor itself is coded as its intent (03) or a threat (13), as CAMEO
# does; a declared refusal is a rejection (12). The specific 3-digit codes follow the act's root.
INTENT_CODES = {"04": "036", "06": "031", "07": "033", "08": "035", "05": "032"}
THREAT_CODES = {"19": "138", "18": "138", "20": "138", "17": "137", "16": "132", "15": "138"}
REFUSAL_CODE = "120"

# "Sudan must return the helicopter, Russia said": a speaker saying that another actor must act demands it (100).
OBLIGATION_DEMAND = Trigger(Pattern("obligation-demand", "100", (), 0, False, frozenset()), passive=False)


class Found(NamedTuple):
    """A trigger occurrence: its words (and object noun) and what it means."""

    first: int
    last: int  # the last word of the trigger or of its required object
    trigger: Trigger


class EventCoder:
    def code(self, doc: Doc, mentions: list[Mention]) -> list[dict]:
        language_cues = cues(doc.language)
        mentions = [m for m in mentions if m.code]  # a person we cannot place is no party to an event
        events: list[dict] = []
        context = Discourse()
        by_sentence = _by_sentence(doc, mentions)
        for sentence, in_sentence in zip(doc.sentences, by_sentence):
            coder = SentenceCoder(doc, sentence, in_sentence, language_cues, context)
            events.extend(coder.events())
            context.after_sentence(doc, sentence, in_sentence, language_cues)
        return events


def _by_sentence(doc: Doc, mentions: list[Mention]) -> list[list[Mention]]:
    """The mentions of each sentence, in one pass over both sorted lists."""
    groups: list[list[Mention]] = [[] for _ in doc.sentences]
    ordered = sorted(mentions, key=lambda m: m.first)
    index = 0
    for number, sentence in enumerate(doc.sentences):
        while index < len(ordered) and ordered[index].first < sentence.first:
            index += 1
        while index < len(ordered) and ordered[index].first <= sentence.last:
            groups[number].append(ordered[index])
            index += 1
    return groups


class Discourse:
    """What earlier sentences leave for pronouns and "kedua negara" to point at."""

    def __init__(self) -> None:
        self.subject: Mention | None = None
        self.states: list[Mention] = []
        self.actors_of_acts: list[Mention] = []  # the source of every event so far, in text order

    def latest_actor_other_than(self, code: str | None) -> Mention | None:
        """Who did the latest act reported before, not counting `code`: the one a reaction answers."""
        return next((m for m in reversed(self.actors_of_acts) if m.code != code), None)

    def after_sentence(self, doc: Doc, sentence: Sentence, mentions: list[Mention], language_cues: Cues) -> None:
        prepositions = language_cues.prepositions
        subject = next((m for m in mentions if _can_act(m)
                        and not roles.in_prepositional_phrase(doc.tokens, m, sentence, prepositions)), None)
        if subject is not None:
            self.subject = subject
        for mention in mentions:
            if _is_state(mention) and (not self.states or self.states[-1].code != mention.code):
                self.states.append(mention)

    def last_two_states(self, before: list[Mention]) -> list[Mention]:
        """What "kedua negara" means: two states named earlier in this sentence ("Rusia dan Iran sepakat
        bahwa kedua negara ..."), else the last two of earlier sentences, not this sentence's speaker."""
        here = _last_distinct_states(before)
        return here if len(here) == 2 else _last_distinct_states(self.states)


def _last_distinct_states(mentions: list[Mention]) -> list[Mention]:
    distinct: list[Mention] = []
    for mention in reversed(mentions):
        if _is_state(mention) and mention.code not in {m.code for m in distinct}:
            distinct.append(mention)
        if len(distinct) == 2:
            break
    return distinct


class SentenceCoder:
    def __init__(self, doc: Doc, sentence: Sentence, mentions: list[Mention], language_cues: Cues, context: Discourse):
        self.doc, self.sentence, self.cues, self.context = doc, sentence, language_cues, context
        self.named = mentions
        self.words = doc.tokens.norm[sentence.first:sentence.last + 1]

    # Most sentences have no trigger; what only events need is worked out on first use.

    @functools.cached_property
    def mentions(self) -> list[Mention]:
        """The sentence's actors plus what its pronouns and "kedua negara" stand for, in text order."""
        references = self._references(self.named)
        # The named actors come in text order already.
        return sorted(self.named + references, key=lambda m: m.first) if references else self.named

    @functools.cached_property
    def subject_like(self) -> list[Mention]:
        """The actors that may be the subject of some verb here: see `roles.subject_candidates`."""
        return roles.subject_candidates(self.doc, self.sentence, self.mentions, self.cues)

    @functools.cached_property
    def speaker(self) -> Mention | None:
        return self._speaker()

    @functools.cached_property
    def dates(self) -> list:
        return sentence_dates(self.doc, self.sentence)

    @functools.cached_property
    def has_speech_verb(self) -> bool:
        return not self.cues.speech_verbs.isdisjoint(self.words)

    # --- finding triggers ----------------------------------------------------------------------

    def triggers(self) -> list[Found]:
        tokens, index = self.doc.tokens, trigger_index(self.doc.language)
        starters = trigger_starters(self.doc.language)
        found: list[Found] = []
        if starters.isdisjoint(self.words):
            return found
        free = self.sentence.first  # the first word not yet inside a found trigger or its object
        # Most words start no trigger: only the few that may are looked at further.
        for position in [p for p, word in enumerate(self.words, self.sentence.first) if word in starters]:
            if position < free or self._reduplicated(position):
                continue
            match = index.match_at(tokens, position)
            if not match or self._modifier(position) or self._noun_form(position, match[0]):
                continue
            chosen = self._fitting(position, match[0], match[1][0])
            if chosen is None:
                continue
            found.append(Found(position, chosen[1], chosen[0]))
            # A trigger inside the object of the previous one ("perjanjian kerja sama") is part of it.
            free = chosen[1] + 1
        return found

    def _modifier(self, position: int) -> bool:
        """ "the occupied West Bank", "an Israeli-occupied town", "a UN-brokered deal": a participle used as an
        adjective names no act. Only capitalized words count as joined modifiers, so "re-imposed" stays a verb."""
        tokens, word = self.doc.tokens, self.doc.tokens.norm[position]
        suffixes = self.cues.participle_suffixes
        if position <= self.sentence.first or not suffixes or not word.endswith(suffixes):
            return False
        if tokens.norm[position - 1] in self.cues.attributive_markers:
            return True
        gap = self.doc.text[tokens.ends[position - 1]:tokens.starts[position]]
        return gap in self.cues.compound_joiners and tokens.is_capitalized(position - 1)

    def _noun_form(self, position: int, last: int) -> bool:
        """ "military support to Kyiv" is a noun; "will support Kyiv" and "to support Kyiv" are verbs."""
        tokens = self.doc.tokens
        if last != position or tokens.norm[position] not in self.cues.noun_verb_forms:
            return False
        return position == self.sentence.first or tokens.norm[position - 1] not in self.cues.verb_markers

    def _reduplicated(self, position: int) -> bool:
        """ "undang-undang" (law), "negara-negara": a reduplicated word is a noun, never a trigger verb."""
        tokens, text = self.doc.tokens, self.doc.text
        for left, right in ((position - 1, position), (position, position + 1)):
            if 0 <= left and right < len(tokens.norm) and tokens.norm[left] == tokens.norm[right]:
                if text[tokens.ends[left]:tokens.starts[right]] == "-":
                    return True
        return False

    def _fitting(self, position: int, last: int, choice: TriggerChoice) -> tuple[Trigger, int] | None:
        """The trigger that fits: the first whose object follows in the clause, else one with no object."""
        plain = (choice.plain, last) if choice.plain is not None else None
        nearby = choice.object_words_near(self.doc.tokens, last, self.sentence.last)
        if not nearby:
            return plain  # no object word near: the clause need not be worked out
        # An object belongs to its verb's clause: "mengecam X setelah perjanjian …" has no object. The
        # word that ends the clause may open the object itself: "held civilians as human shields".
        limit = min(roles.clause_of(self.doc, self.sentence, position, last, self.cues).last + 1, self.sentence.last)
        return choice.with_object(self.doc.tokens, last, limit, nearby) or plain

    # --- references: pronouns, "negara itu", "kedua negara", first person ---------------------

    def _references(self, mentions: list[Mention]) -> list[Mention]:
        tokens, resolved = self.doc.tokens, []
        if self.cues.reference_words.isdisjoint(self.words):
            return resolved  # the cheap test first: most sentences have no pronoun
        covered = {i for m in mentions for i in range(m.first, m.last + 1)}
        free = self.sentence.first  # the first word after the references resolved so far
        for position in range(self.sentence.first, self.sentence.last + 1):
            word = tokens.norm[position]
            if word not in self.cues.reference_words or position < free or position in covered:
                continue
            match = self.cues.references.match_at(tokens, position)
            if match:
                last, (kind, *_) = match
                resolved.extend(self._resolve(kind, position, last, mentions))
                free = last + 1
                continue
            if word in self.cues.subject_pronouns:
                resolved.extend(self._resolve("anaphora", position, position, mentions))
            elif word in self.cues.first_person and self.speaker is not None:
                # "“Kami akan mengirim delegasi,” kata Lavrov": we is the speaker's side.
                here = Mention(tokens.starts[position], tokens.ends[position], position, position, None, "reference", None, "")
                resolved.append(roles.standing_for(here, self.speaker))
        return resolved

    def _resolve(self, kind: str, first: int, last: int, mentions: list[Mention]) -> list[Mention]:
        here = Mention(self.doc.tokens.starts[first], self.doc.tokens.ends[last], first, last, None, "reference", None, "")
        before = [m for m in mentions if m.last < first and _can_act(m)]
        if kind == "both":
            return [roles.standing_for(here, m) for m in self.context.last_two_states(before)]
        antecedent = before[0] if before else self.context.subject
        return [roles.standing_for(here, antecedent)] if antecedent else []

    def _speaker(self) -> Mention | None:
        """Who says the sentence: "kata Pashinyan", "Peskov mengatakan", "said Zakharova"."""
        tokens = self.doc.tokens
        if not self.has_speech_verb:
            return None
        for position, word in enumerate(self.words, self.sentence.first):
            if word not in self.cues.speech_verbs:
                continue
            # After "that"/"bahwa" comes what is said, whose subject is no speaker ("reiterated that Libya must").
            opens_content = position + 1 <= self.sentence.last and tokens.norm[position + 1] in self.cues.complementizers
            after = [] if opens_content else [m for m in self.named if m.first in (position + 1, position + 2) and m.code]
            before = [m for m in self.named if position - SPEAKER_GAP <= m.last < position and m.code
                      and not self._in_phrase(m)]
            # "Kremlin mengatakan Kyiv harus ...": a speaker written right before the verb, with nothing
            # closing a quote in between, says what follows; "'..., kata Pashinyan" has none before.
            if before and not _PUNCTUATION.search(self.doc.text, before[-1].end, tokens.starts[position]):
                return before[-1]
            if after:
                return after[0]
            if before:
                return before[-1]
        return None

    def _in_phrase(self, mention: Mention) -> bool:
        return roles.in_prepositional_phrase(self.doc.tokens, mention, self.sentence, self.cues.prepositions)

    # --- events ------------------------------------------------------------------------------

    def events(self) -> list[dict]:
        out, seen, previous_source = [], set(), []
        for found in self.triggers():
            clause = roles.clause_of(self.doc, self.sentence, found.first, found.last, self.cues)
            sources, targets, explicit = self._roles(found, clause, previous_source)
            if not sources:
                continue
            previous_source = sources
            code, modality, negated = self._modality(found, clause, sources)
            for source in sources:
                partners = targets or self._partners(found, sources, source) or self._answered(found, source)
                # An act with no named other party ("the rebels surrendered", "the government lifted the
                # curfew") is still an event, with an empty target, as in GDELT and PLOVER.
                for target in partners or [None]:
                    key = (source.code, target.code if target else None, code)
                    if (target and source.code == target.code) or key in seen:
                        continue
                    seen.add(key)
                    out.append(self._event(found, clause, source, target, code, modality, negated, explicit))
            self.context.actors_of_acts.extend(sources)
        return out + self._obligation_demands(seen)

    def _answered(self, found: Found, source: Mention) -> list[Mention]:
        """ "Baku membantah tuduhan tersebut", "Moscow rejected these accusations": an act on an act just
        reported (its noun, as the trigger's object or right after it, with a demonstrative on either side)
        answers whoever did the latest act before it."""
        norm, last = self.doc.tokens.norm, self.sentence.last
        noun = next((p for p in (found.last, found.last + 1) if p <= last and norm[p] in self.cues.reported_act_nouns), None)
        if noun is None:
            return []
        pointer = next((p for p in (noun + 1, noun - 1) if found.first < p <= last and norm[p] in self.cues.demonstratives), None)
        antecedent = self.context.latest_actor_other_than(source.code) if pointer is not None else None
        if antecedent is None:
            return []
        tokens = self.doc.tokens
        here = Mention(tokens.starts[pointer], tokens.ends[pointer], pointer, pointer, None, "reference", None, "")
        return [roles.standing_for(here, antecedent)]

    def _obligation_demands(self, seen: set) -> list[dict]:
        """ "Russia said that Sudan must return the helicopter": the speaker demands (100) that the
        obliged actor act. The obliged act itself is hypothetical (see `_modality`)."""
        out: list[dict] = []
        # The cheap test first: most sentences have no "must".
        if self.cues.obligation.isdisjoint(self.words) or self.speaker is None:
            return out
        for position, word in enumerate(self.words, self.sentence.first):
            if word not in self.cues.obligation:
                continue
            clause = roles.clause_of(self.doc, self.sentence, position, position, self.cues)
            obliged = roles.subject(self.doc, clause, position, self.subject_like, self.cues, skip=set())
            found = Found(position, position, OBLIGATION_DEMAND)
            for target in obliged:
                key = (self.speaker.code, target.code, OBLIGATION_DEMAND.pattern.code)
                if target.code != self.speaker.code and key not in seen:
                    seen.add(key)
                    out.append(self._event(found, clause, self.speaker, target, key[2], "asserted", False, True))
        return out

    def _roles(self, found: Found, clause: roles.Span, previous_source: list[Mention]):
        pattern = found.trigger.pattern
        tokens = self.doc.tokens
        coordinated = found.first > self.sentence.first and tokens.norm[found.first - 1] in self.cues.coordinators
        if coordinated and previous_source:
            # "Putin menyebut Kazakhstan sekutu dan mengucapkan terima kasih": the verbs share a subject.
            before, explicit = previous_source, True
        else:
            before = self._modifying_actor(found) or roles.subject(
                self.doc, clause, found.first, self.subject_like, self.cues, skip=set())
            explicit = bool(before)
        if not before and previous_source:
            before = previous_source
        if not before and clause.first > self.sentence.first:
            # "Armenia has sought partners after accusing Russia ...": a subordinate clause without
            # its own subject shares the sentence's.
            whole = roles.Span(self.sentence.first, clause.first - 1)
            before = roles.subject(self.doc, whole, clause.first, self.subject_like, self.cues, skip=set())[:1]
        if not before and not found.trigger.passive and self._nominal(found):
            # "penolakan Presiden Azerbaijan untuk hadir di Moskow", "Russia's invasion of Ukraine":
            # a noun's actor follows it (or precedes it as a possessive), and its target comes next.
            after = roles.first_after(self.doc, found.first + 1, clause.last, self.mentions, self.cues, exclude=set())
            before = after[:1]
        excluded = {m.code for m in before}
        if found.trigger.passive:
            agents = roles.passive_agents(self.doc, found.first, clause.last, self.mentions, self.cues, exclude=excluded)
            return agents, before, explicit and bool(agents)
        if pattern.symmetric and len({m.code for m in before}) > 1:
            # "Japarov dan Rahmon bertemu di sela-sela KTT SCO": the partners are the subjects, the
            # actors after the verb are where it happened.
            return before, [], explicit
        after_words = pattern.target_after | (self.cues.partner_prepositions if pattern.symmetric else frozenset())
        end = roles.coordinated_clause_start(self.doc, found.last + 1, clause.last, self.cues) - 1
        targets = roles.first_after(self.doc, found.first + 1, end, self._target_candidates(found), self.cues,
                                    exclude=excluded, after_words=after_words)
        return before, targets, explicit

    def _target_candidates(self, found: Found) -> list[Mention]:
        """ "…, the UN agency reported": who reports the act after it is not its target."""
        speaker = self.speaker
        if speaker is None or speaker.first <= found.last:
            return self.mentions
        return [m for m in self.mentions if m.first != speaker.first]

    def _modifying_actor(self, found: Found) -> list[Mention]:
        """ "killed in Israeli tank shelling", "after Russian air strikes": an actor right before a noun of an
        act is its agent, even inside a prepositional phrase, where `roles.subject` would not look. A past
        form is a verb ("troops in Ukraine attacked"), whose subject comes before the phrase."""
        suffixes = self.cues.participle_suffixes
        if not self.cues.modifiers_precede_noun or (suffixes and self.doc.tokens.norm[found.first].endswith(suffixes)):
            return []
        near = [m for m in self.mentions if found.first - MODIFIER_GAP <= m.last < found.first and m.kind != "place"
                and m.first > self.sentence.first and self._in_phrase(m) and not self._punctuated(m.end, found)]
        return near[-1:]

    def _punctuated(self, end: int, found: Found) -> bool:
        """Punctuation between an actor and the trigger ("... in Finland, Moscow threatens") parts them."""
        return bool(_PUNCTUATION.search(self.doc.text, end, self.doc.tokens.starts[found.first]))

    def _nominal(self, found: Found) -> bool:
        """Whether the trigger is a noun by its form (pe-…-an, ke-…-an, -tion, -ment): see `nominal_affixes`."""
        word = self.doc.tokens.norm[found.first]
        return word in self.cues.nominal_words or any(word.startswith(prefix) and word.endswith(suffix) for prefix, suffix in self.cues.nominal_affixes)

    def _partners(self, found: Found, sources: list[Mention], source: Mention) -> list[Mention]:
        """A mutual act with no named partner pairs the coordinated subjects: "Azerbaijan dan Turki berlatih"."""
        if found.trigger.pattern.symmetric or self._reciprocal(found):
            return [m for m in sources if m.code != source.code]
        return []

    def _reciprocal(self, found: Found) -> bool:
        """A word of mutuality ("saling", "sepakat", "mutually") in the two words before the trigger."""
        norm = self.doc.tokens.norm
        return not self.cues.reciprocal.isdisjoint(norm[max(self.sentence.first, found.first - 2):found.first])

    def _modality(self, found: Found, clause: roles.Span, sources: list[Mention]) -> tuple[str, str, bool]:
        norm, code, first = self.doc.tokens.norm, found.trigger.pattern.code, found.first
        near = norm[max(clause.first, first - NEGATION_WINDOW):first]
        modal_words = frozenset(norm[max(clause.first, first - MODAL_WINDOW):first])
        negated = not self.cues.negators.isdisjoint(near)
        if not modal_words.isdisjoint(self.cues.hypothetical) or not modal_words.isdisjoint(self.cues.obligation):
            return code, "hypothetical", negated
        if not modal_words.isdisjoint(self.cues.planned):
            return code, "planned", negated
        if not modal_words.isdisjoint(self.cues.future):
            if self._declared_by_source(sources):
                return self._declared(code, negated), "asserted", False
            return code, "planned", negated
        wish = self._wish_before(found)
        if wish is not None:
            # "Obama wants to attack X" is his declared intent (13); in "wants Putin to attack X" the act
            # is Putin's and only wished for.
            if any(wish < m.first < found.first for m in self.mentions):
                return code, "hypothetical", negated
            return self._declared(code, negated), "asserted", False
        earlier = norm[self.sentence.first:first]
        if not self.cues.claim_verbs.isdisjoint(earlier) and norm[first] not in self.cues.claim_verbs:
            return code, "claimed", negated
        return code, "asserted", negated

    def _wish_before(self, found: Found) -> int | None:
        """The position of a verb of wanting or seeking whose complement the trigger opens: "wants to attack",
        "wants Putin to attack"; not "seeking partners after accusing Russia"."""
        norm, window_first = self.doc.tokens.norm, max(self.sentence.first, found.first - MODAL_WINDOW)
        if self.cues.intent_verbs.isdisjoint(norm[window_first:found.first]):
            return None  # the cheap test first: most triggers follow no verb of wanting
        for position in range(found.first - 1, window_first - 1, -1):
            if norm[position] not in self.cues.intent_verbs:
                continue
            between = [m for m in self.mentions if position < m.first < found.first]
            start = between[-1].last if between else position
            return position if found.first - start <= WISH_GAP else None
        return None

    def _declared_by_source(self, sources: list[Mention]) -> bool:
        """A future act said by its own actor: the named speaker is the source, or an unnamed one
        speaks for it ("Finland will give Tanzania a grant, a statement said")."""
        if self.speaker is not None:
            return any(s.code == self.speaker.code for s in sources)
        return self.has_speech_verb

    @staticmethod
    def _declared(code: str, negated: bool) -> str:
        root = code[:2]
        if negated:
            return REFUSAL_CODE
        if cameo(code).quad_class <= 2:
            return INTENT_CODES.get(root, "030")
        return THREAT_CODES.get(root, "130")

    def _event(self, found: Found, clause: roles.Span, source: Mention, target: Mention | None, code: str,
               modality: str, negated: bool, explicit: bool) -> dict:
        text, tokens = self.doc.text, self.doc.tokens
        start, end = min(source.start, tokens.starts[found.first]), max(source.end, tokens.ends[found.last])
        if target:
            start, end = min(start, target.start), max(end, target.end)
        entry = cameo(code)
        date, precision = event_date(self.doc, self.sentence, (tokens.starts[clause.first], tokens.ends[clause.last]), self.dates)
        return {
            "source": _party(source, text),
            "target": _party(target, text) if target else dict(NO_PARTY),
            "cameo": code,
            "root": entry.root,
            "quad_class": entry.quad_class,
            "goldstein": entry.goldstein,
            "plover": {"type": entry.plover_type, "mode": entry.plover_mode},
            "modality": modality,
            "negated": negated,
            "date": date,
            "date_precision": precision,
            "attribution": _party(self.speaker, text) if self.speaker and self.speaker.code != source.code else None,
            "evidence": {"sentence": text[self.sentence.start:self.sentence.end], "start": start, "end": end, "text": text[start:end]},
            "confidence": _confidence(found, source, target, explicit),
            "pattern": found.trigger.pattern.id,
        }


def _can_act(mention: Mention) -> bool:
    """Cities and regions are where things happen, not who does them: "ST PETERSBURG, Jumat - ..."."""
    return bool(mention.code) and mention.kind != "place"


def _is_state(mention: Mention) -> bool:
    return _can_act(mention) and mention.kind != "igo"


# The target of an act with no named other party: the same keys as a party, all empty.
NO_PARTY = {"code": None, "agent": None, "name": None, "text": None}


def _party(mention: Mention, text: str) -> dict:
    return {"code": mention.code, "agent": mention.agent, "name": mention.person or mention.name,
            "text": text[mention.start:mention.end]}


def _confidence(found: Found, source: Mention, target: Mention | None, explicit: bool) -> float:
    """A plain additive score; `aliansi evaluate events` shows how it tracks precision on gold data."""
    score = 0.5
    score += 0.15 if explicit else -0.1
    score += 0.1 if found.trigger.pattern.objects else 0.0
    score += 0.1 if target and target.first - found.last <= 3 else 0.0
    score -= 0.1 if source.kind == "reference" or (target and target.kind == "reference") else 0.0
    return round(max(0.05, min(0.95, score)), 2)
