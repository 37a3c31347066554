"""Scoring against gold annotations in the format of ../shared/gold/GUIDE.md."""

from aliansi.evaluate.gold import GoldArticle, load_gold
from aliansi.evaluate.scores import score_actors, score_cleaning, score_events

__all__ = ["GoldArticle", "load_gold", "score_actors", "score_cleaning", "score_events"]
