"""Dyad time series and the alignment index: from events to "is Azerbaijan drifting from Russia
toward NATO?", with the evidence for every period.

``dyad_series(events, a, b)`` and ``alignment(events, state)`` take an events DataFrame (the store's
``aliansi.open(db).events()``) and return DataFrames. Bloc definitions are data:
``kb/alignment_blocs.yaml`` or a user's file of the same schema (``load_blocs``).
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["AlignmentBloc", "alignment", "dyad_series", "load_blocs"]

# Resolved on first use (PEP 562): the CLI registers the align commands at every start, and pandas,
# which these modules need, would otherwise be imported by commands that never touch it.
_HOME = {"AlignmentBloc": "blocs", "load_blocs": "blocs", "dyad_series": "dyad", "alignment": "index"}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
