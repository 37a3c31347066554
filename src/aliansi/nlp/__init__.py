"""Text primitives shared by the actor and event stages: normalization, tokens, sentences."""

from aliansi.nlp.text import Tokens, normalize, sentence_spans, tokenize

__all__ = ["Tokens", "normalize", "sentence_spans", "tokenize"]
