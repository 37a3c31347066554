"""Every language pack and knowledge-base file loads, validates and prints nothing; broken data fails
with a message that names the file and the place."""

import pytest

from aliansi import kb, langpacks
from aliansi.errors import LangPackError
from aliansi.events.codes import all_codes
from aliansi.validated import validated_yaml


@pytest.mark.parametrize(("lang", "kind"), [(lang, kind) for lang in langpacks.languages() for kind in langpacks.kinds(lang)])
def test_every_pack_validates_and_prints_nothing(lang, kind, capsys):
    assert langpacks.load(lang, kind)
    assert capsys.readouterr() == ("", "")


def test_every_language_has_the_same_kinds():
    kinds = {lang: set(langpacks.kinds(lang)) for lang in langpacks.languages()}
    assert kinds["id"] == kinds["en"] == {"agents", "boilerplate", "clauses", "dates", "events", "language"}


def test_knowledge_base_loads_and_prints_nothing(capsys):
    assert len(kb.states()) == 197
    assert {"NATO", "CSTO", "EU", "EAEU", "CIS", "SCO", "UN", "OSCE", "OTS", "BRICS", "GCC", "ASEAN", "AU"} == set(kb.blocs())
    assert len(kb.people()) > 500
    assert len(all_codes()) > 300
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(("text", "message"), [
    ("markers: [bahwa", "is not valid YAML"),
    ("markers: [1]", "at markers/0: 1 is not of type 'string'"),
    ("markers: [bahwa]\nunknown_key: []", "Additional properties are not allowed"),
])
def test_broken_pack_names_the_file_and_the_place(text, message):
    schema = langpacks.resources.files(langpacks.__name__) / "schemas" / "language.json"
    with pytest.raises(LangPackError) as error:
        validated_yaml(text, schema=schema, where="langpacks/xx/language.yaml")
    assert "langpacks/xx/language.yaml" in str(error.value)
    assert message in str(error.value)
