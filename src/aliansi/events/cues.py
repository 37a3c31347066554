"""Clause cues of a language (negators, modality words, prepositions ...) as fast lookup sets."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from aliansi import langpacks
from aliansi.nlp import PhraseIndex, normalize


@dataclass(frozen=True)
class Cues:
    negators: frozenset[str]
    future: frozenset[str]
    planned: frozenset[str]
    hypothetical: frozenset[str]
    claim_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    partner_prepositions: frozenset[str]
    coordinators: frozenset[str]
    clause_breaks: frozenset[str]
    complementizers: frozenset[str]
    relative_markers: frozenset[str]
    subject_pronouns: frozenset[str]
    first_person: frozenset[str]
    reciprocal: frozenset[str]
    possessor_nouns: frozenset[str]
    references: PhraseIndex[str]  # "negara itu" -> "anaphora", "kedua negara" -> "both"
    reference_words: frozenset[str]  # the words that may open a reference: a cheap test before the others
    nominal_affixes: tuple[tuple[str, str], ...]  # (prefix, suffix) that make a trigger a noun
    nominal_words: frozenset[str]
    attributive_markers: frozenset[str]  # "the occupied territory": a participle after these is an adjective
    participle_suffixes: tuple[str, ...]
    compound_joiners: frozenset[str]  # "rebel-held": a trigger joined to the word before it modifies a noun
    verb_markers: frozenset[str]  # "will support", "to support": the base form after these is a verb
    noun_verb_forms: frozenset[str]  # "support": a trigger only right after a verb marker
    obligation: frozenset[str]  # "must": the act is not done yet; a speaker saying another must act demands it
    intent_verbs: frozenset[str]  # "wants to attack": the subject declares the act as its aim
    group_nouns: frozenset[str]  # "rebels in Ivory Coast": the state in the phrase after them acts
    appositive_openers: frozenset[str] = frozenset()  # "Pakistan, a key U.S. ally, refused": ", a ... ," describes
    possessed_nouns: frozenset[str] = frozenset()  # "Russia's allies", "U.S. partners": the state before them possesses
    modifier_participles: frozenset[str] = frozenset()  # "Israeli-occupied": the actor modifies a noun not its own
    demonstratives: frozenset[str] = frozenset()  # "tuduhan tersebut": points back at the act just reported
    reported_act_nouns: frozenset[str] = frozenset()  # "tuduhan", "threat": an act a demonstrative can point back at
    modifiers_precede_noun: bool = False  # "Israeli tank shelling": an actor before a noun of an act is its agent


@functools.cache
def cues(language: str) -> Cues:
    data = langpacks.load(language, "clauses")

    def words(key: str) -> frozenset[str]:
        # Single words only: the checks look at one token at a time. Phrases go to `references`.
        return frozenset(normalize(w) for w in data.get(key, []) if " " not in w)

    references: PhraseIndex[str] = PhraseIndex()
    for phrase in data.get("anaphora", []):
        references.add(phrase, "anaphora")
    for phrase in data.get("both_parties", []):
        references.add(phrase, "both")
    return Cues(
        negators=words("negators"), future=words("future"), planned=words("planned"),
        hypothetical=words("hypothetical"), claim_verbs=words("claim_verbs"), speech_verbs=words("speech_verbs"),
        prepositions=words("prepositions"), agent_prepositions=words("agent_prepositions"),
        partner_prepositions=words("partner_prepositions"), coordinators=words("coordinators"),
        clause_breaks=words("clause_breaks"), complementizers=words("complementizers"), relative_markers=words("relative_markers"),
        subject_pronouns=words("subject_pronouns"), first_person=words("first_person"),
        reciprocal=words("reciprocal"),
        possessor_nouns=words("possessor_nouns"),
        references=references,
        reference_words=references.first_words() | words("subject_pronouns") | words("first_person"),
        nominal_affixes=tuple(
            (a.get("prefix", ""), a.get("suffix", "")) for a in data.get("nominal_affixes", []) if "word" not in a
        ),
        nominal_words=frozenset(normalize(a["word"]) for a in data.get("nominal_affixes", []) if "word" in a),
        attributive_markers=words("attributive_markers"),
        participle_suffixes=tuple(data.get("participle_suffixes", [])),
        compound_joiners=frozenset(data.get("compound_joiners", [])),
        verb_markers=words("verb_markers"),
        noun_verb_forms=words("noun_verb_forms"),
        obligation=words("obligation"),
        intent_verbs=words("intent_verbs"),
        group_nouns=words("group_nouns"),
        appositive_openers=words("appositive_openers"),
        possessed_nouns=words("possessed_nouns"),
        modifier_participles=words("modifier_participles"),
        demonstratives=words("demonstratives"),
        reported_act_nouns=words("reported_act_nouns"),
        modifiers_precede_noun=bool(data.get("modifiers_precede_noun", False)),
    )
