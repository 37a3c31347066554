"""The one way data files are read: YAML, checked against a JSON schema, problems named by place.

Language packs, the knowledge base and the CAMEO table all load through `validated_yaml`, so a
broken file always fails the same way: a LangPackError naming the file, the JSON path of the bad
value and the schema that rejected it.
"""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterable
from importlib.resources.abc import Traversable
from typing import Any

import jsonschema
import yaml

from aliansi.errors import LangPackError

# libyaml's C loader parses the event-pattern packs about ten times faster than the pure-Python
# one; PyYAML's wheels include it, and the safe pure-Python loader is the fallback.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def schema_at(path: Traversable) -> dict[str, Any]:
    if not path.is_file():
        raise LangPackError(f"no schema {path.name}: add it beside the other schemas")
    return json.loads(path.read_text(encoding="utf-8"))


def validated_yaml(text: str, *, schema: Traversable, where: str) -> Any:
    """Parse YAML `text`, turn its dates back into ISO strings, and validate it against `schema`."""
    try:
        data = _plain(yaml.load(text, Loader=_LOADER))
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for dates like 2023-02-30
        raise LangPackError(f"{where} is not valid YAML: {exc}") from exc
    try:
        jsonschema.validate(data, schema_at(schema), cls=jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as exc:
        raise LangPackError(f"{where} at {json_path(exc.absolute_path)}: {exc.message} (schema {schema.name})") from exc
    return data


def json_path(parts: Iterable[Any]) -> str:
    return "/".join(str(part) for part in parts) or "(top)"


def _plain(value: Any) -> Any:
    """YAML turns 2023-04-04 into a date; the schemas speak JSON, so dates become ISO strings again."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
