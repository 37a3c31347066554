"""The one way data files are read: YAML, checked against a JSON schema, problems named by place.

Language packs, the knowledge base and the CAMEO table all load through `validated_yaml`, so a
broken file always fails the same way: a LangPackError naming the file, the JSON path of the bad
value and the schema that rejected it.

Parsing and validating the packs costs a few seconds, which every process (each worker, each Spark
partition) would pay again. So data that passed validation is kept in the user's cache folder,
under a digest of the file's text and its schema's text: a changed file or schema misses the cache
and is checked again, and an unwritable cache only costs the time.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Iterable
from pathlib import Path
from importlib.resources.abc import Traversable
from typing import Any

import jsonschema
import yaml

from aliansi import __version__
from aliansi.errors import LangPackError

log = logging.getLogger(__name__)

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
    schema_data = schema_at(schema)
    key = hashlib.sha256("\0".join((__version__, json.dumps(schema_data, sort_keys=True), text)).encode()).hexdigest()
    cached = _cached(key)
    if cached is not None:
        return cached
    data = _checked(text, schema, schema_data, where)
    _keep(key, data)
    return data


def _checked(text: str, schema: Traversable, schema_data: dict[str, Any], where: str) -> Any:
    try:
        data = _plain(yaml.load(text, Loader=_LOADER))
    except (yaml.YAMLError, ValueError) as exc:  # PyYAML raises ValueError for dates like 2023-02-30
        raise LangPackError(f"{where} is not valid YAML: {exc}") from exc
    try:
        jsonschema.validate(data, schema_data, cls=jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as exc:
        raise LangPackError(f"{where} at {json_path(exc.absolute_path)}: {exc.message} (schema {schema.name})") from exc
    return data


def cache_dir() -> Path:
    """Where validated data is kept: $ALIANSI_CACHE_DIR, else the user's cache folder (platformdirs)."""
    configured = os.environ.get("ALIANSI_CACHE_DIR")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("aliansi")) / "validated"


def _cached(key: str) -> Any:
    try:
        with (cache_dir() / f"{key}.pickle").open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError) as exc:  # a damaged entry is checked again
        log.debug("validated-data cache entry %s unreadable: %s", key, exc)
        return None


def _keep(key: str, data: Any) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a process reading concurrently never sees half an entry.
        with tempfile.NamedTemporaryFile("wb", dir=folder, suffix=".part", delete=False) as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, folder / f"{key}.pickle")
    except OSError as exc:
        log.debug("validated-data cache not written in %s: %s", folder, exc)


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
