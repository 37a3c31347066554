"""Dyad time series and the alignment index: from events to "is Azerbaijan drifting from Russia
toward NATO?", with the evidence for every period.

``dyad_series(events, a, b)`` and ``alignment(events, state)`` take an events DataFrame (the store's
``aliansi.open(db).events()``) and return DataFrames. Bloc definitions are data:
``kb/alignment_blocs.yaml`` or a user's file of the same schema (``load_blocs``).
"""

from aliansi.align.blocs import AlignmentBloc, load_blocs
from aliansi.align.dyad import dyad_series
from aliansi.align.index import alignment

__all__ = ["AlignmentBloc", "alignment", "dyad_series", "load_blocs"]
