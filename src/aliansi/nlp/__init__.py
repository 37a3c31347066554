"""Text primitives shared by the actor and event stages: normalization, tokens, sentences, phrases."""

from aliansi.nlp.phrases import PhraseIndex, phrase_key
from aliansi.nlp.text import Tokens, normalize, sentence_spans, tokenize

__all__ = ["PhraseIndex", "Tokens", "normalize", "phrase_key", "sentence_spans", "tokenize"]
