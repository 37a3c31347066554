"""The event coder's English mechanisms on sentences written for these tests: events without a named
target, demands by "must", passive agents, participles as adjectives, groups named by a phrase, plural
demonyms, wishes, noun-or-verb forms, actors modifying a noun of an act, and unnamed speakers."""

import pytest

from aliansi.models import RawArticle
from aliansi.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline()


def events(pipeline, text):
    return pipeline.annotate(RawArticle(id="t", source_file="<test>", text=text, language="en")).events


def triples(found, **conditions):
    return {
        (e["source"]["code"], e["target"]["code"], e["root"])
        for e in found
        if all(e[key] == value for key, value in conditions.items())
    }


def test_act_without_a_named_other_party_has_an_empty_target(pipeline):
    found = events(pipeline, "Kenyan rebels surrendered on Monday.")
    assert ("KEN", None, "08") in triples(found, modality="asserted", negated=False)
    event = next(e for e in found if e["target"]["code"] is None)
    assert event["target"] == {"code": None, "agent": None, "name": None, "text": None}
    assert event["evidence"]["text"] == "Kenyan rebels surrendered"


def test_speaker_saying_another_actor_must_act_demands_it(pipeline):
    found = events(pipeline, "Norway said on Friday that Serbia must release the detained journalists.")
    assert ("NOR", "SRB", "10") in triples(found, modality="asserted")
    assert not any(e["source"]["code"] == "SRB" and e["modality"] == "asserted" for e in found)


def test_passive_agent_is_the_actor_of_the_by_phrase(pipeline):
    found = events(pipeline, "Georgian villages were shelled by Russian artillery.")
    assert ("RUS", "GEO", "19") in triples(found)


def test_passive_without_an_actor_in_the_by_phrase_has_no_source(pipeline):
    found = events(pipeline, "Two Kenyan soldiers were killed by a roadside bomb outside the Somali town of Kismayo.")
    assert not any(e["source"]["code"] == "SOM" for e in found)


@pytest.mark.parametrize("text", [
    "Thousands marched in the occupied West Bank.",
    "Ukraine rejected the Russian-brokered deal.",
])
def test_participle_used_as_an_adjective_is_no_act(pipeline, text):
    assert not any(e["root"] in ("04", "19") for e in events(pipeline, text))


def test_group_named_by_its_phrase_acts_for_that_state(pipeline):
    found = events(pipeline, "Opposition groups in Belarus demanded new elections.")
    assert ("BLR", None, "10") in triples(found, modality="asserted")


def test_group_noun_inside_an_actor_keeps_that_actor(pipeline):
    found = events(pipeline, "Russian troops in Ukraine attacked the town of Izium.")
    assert not any(e["source"]["code"] == "UKR" for e in found)


def test_plural_demonym_is_its_state(pipeline):
    found = events(pipeline, "The Palestinians rejected the Israeli proposal.")
    assert ("PSE", "ISR", "12") in triples(found, modality="asserted")


def test_wish_of_the_subject_is_its_declared_intent(pipeline):
    assert ("HUN", "SRB", "03") in triples(events(pipeline, "Hungary wants to help Serbia."), modality="asserted")
    assert ("USA", "CHE", "13") in triples(events(pipeline, "Washington wants to attack Switzerland."), modality="asserted")


def test_act_wished_of_another_actor_is_not_asserted(pipeline):
    found = events(pipeline, "Hungary wants Austria to help Serbia.")
    assert not triples(found, modality="asserted")


def test_noun_or_verb_form_is_a_verb_only_after_a_verb_marker(pipeline):
    declared = events(pipeline, "Poland will support Ukraine's bid, the Polish president said.")
    assert ("POL", "UKR", "03") in triples(declared, modality="asserted")
    noun = events(pipeline, "Poland announced more military support to Ukraine.")
    assert not any(e["cameo"] == "051" for e in noun)


@pytest.mark.parametrize(("text", "source", "target"), [
    ("Hundreds fled during Azerbaijani shelling of Armenia.", "AZE", "ARM"),
    ("Farms were damaged in Turkish air raids on Syria.", "TUR", "SYR"),
])
def test_actor_modifying_a_noun_of_an_act_is_its_agent(pipeline, text, source, target):
    assert (source, target, "19") in triples(events(pipeline, text))


def test_future_act_with_an_unnamed_speaker_is_declared_intent(pipeline):
    found = events(pipeline, "Finland will give Estonia a grant for schools, a statement from the ministry said.")
    assert ("FIN", "EST", "07") not in triples(found, modality="asserted")
    assert ("FIN", "EST", "03") in triples(found, modality="asserted")


# --- actors: groups, former leaders, phrases that describe rather than act -------------------

@pytest.mark.parametrize(("text", "source", "target", "root"), [
    ("Hezbollah fired rockets at northern Israel on Tuesday.", "LBN", "ISR", "19"),
    ("The Taliban rejected talks with Pakistan.", "AFG", "PAK", "12"),
    ("Bosnian Serbs demanded a truce from Croatia.", "BIH", "HRV", "10"),
])
def test_named_group_acts_for_its_state(pipeline, text, source, target, root):
    assert (source, target, root) in triples(events(pipeline, text), modality="asserted")


def test_former_leader_named_by_title_and_name_is_his_state(pipeline):
    found = events(pipeline, "Former President Nelson Mandela criticized Nigeria.")
    assert ("ZAF", "NGA", "11") in triples(found, modality="asserted")


def test_actor_inside_an_of_phrase_kept_by_the_recognizer_is_not_the_subject(pipeline):
    found = events(pipeline, "The Greek and Turkish communities of the island of Cyprus criticized Britain.")
    assert ("GRC", "GBR", "11") in triples(found, modality="asserted")
    assert not any(e["source"]["code"] == "CYP" for e in found)


def test_appositive_after_a_comma_does_not_give_the_subject(pipeline):
    found = events(pipeline, "Kazakhstan, a close Russian partner in the union, criticized Ukraine.")
    assert ("KAZ", "UKR", "11") in triples(found, modality="asserted")
    assert not any(e["source"]["code"] == "RUS" for e in found)


def test_actor_joined_to_a_participle_modifies_the_noun_after_it(pipeline):
    occupied = events(pipeline, "Farmers of the Russian-occupied Crimea criticized Kyiv.")
    assert not any(e["source"]["code"] == "RUS" for e in occupied)
    led = events(pipeline, "Saudi-led forces attacked Yemen.")
    assert ("SAU", "YEM", "19") in triples(led, modality="asserted")
    based = events(pipeline, "The Minsk-based bank was sanctioned by Canada.")
    assert ("CAN", "BLR", "16") in triples(based, modality="asserted")


@pytest.mark.parametrize("text", ["Russia's allies criticized Ukraine.", "U.S. allies criticized Iran."])
def test_state_before_its_allies_is_their_possessor_not_the_subject(pipeline, text):
    assert not triples(events(pipeline, text), modality="asserted")


def test_bloc_before_allies_is_the_bloc(pipeline):
    assert ("NATO", "RUS", "11") in triples(events(pipeline, "NATO allies criticized Russia."))


def test_noun_before_an_actor_does_not_make_it_a_possessor_in_english(pipeline):
    found = events(pipeline, "Germany's former ally Italy criticized France.")
    assert ("ITA", "FRA", "11") in triples(found, modality="asserted")


def test_court_in_a_state_acts_for_it(pipeline):
    found = events(pipeline, "A court in Latvia has issued arrest warrants for two Russian officers.")
    assert ("LVA", "RUS", "17") in triples(found, modality="asserted")


# --- modality: readiness, pressure -----------------------------------------------------------

def test_declared_readiness_is_intent_or_threat(pipeline):
    ready = events(pipeline, "Armenia said it is ready to help Georgia.")
    assert ("ARM", "GEO", "03") in triples(ready, modality="asserted")
    threat = events(pipeline, "Moldova announced that it is prepared to close its border with Ukraine.")
    assert ("MDA", "UKR", "13") in triples(threat, modality="asserted")


def test_act_someone_is_pressured_to_do_has_not_happened(pipeline):
    found = events(pipeline, "Germany is being pressured by its partners to help Ukraine.")
    assert ("DEU", "UKR", "07") not in triples(found, modality="asserted")


def test_actor_parted_from_the_act_by_a_comma_is_not_its_modifier(pipeline):
    # "in Finland, air strikes": the comma ends the phrase naming the place; the strikes are not Finland's.
    found = events(pipeline, "Speaking at a summit in Finland, air strikes on Ukraine must stop, the minister said.")
    assert not {source for source, _, _ in triples(found)} & {"FIN"}


def test_actor_after_that_is_what_is_said_not_the_speaker(pipeline):
    found = events(pipeline, "Egypt reiterated that Libya must return the seized aircraft.")
    assert ("EGY", "LBY", "10") in triples(found, modality="asserted")


def test_speaker_after_a_closing_quote_is_still_the_speaker(pipeline):
    found = events(pipeline, '"Ukraine must stop the shelling," said Zakharova.')
    assert ("RUS", "UKR", "10") in triples(found, modality="asserted")


def test_rejecting_these_accusations_answers_the_accuser(pipeline):
    found = events(pipeline, "Ukraine accused Russia of shelling the port. Moscow rejected these accusations on Tuesday.")
    assert ("RUS", "UKR", "01") in triples(found, modality="asserted")
