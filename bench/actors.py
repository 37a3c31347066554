"""Actor recognition cost alone, per 500-word article, on one core.

    python bench/actors.py [--articles 500] [--repeat 5]

Reports the best of `repeat` passes (ms per article, normalized to 500 words), which is what
recognition adds to the pipeline.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402

from aliansi.actors import recognize  # noqa: E402
from aliansi.nlp.doc import analyse  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    docs = [analyse(r["text"], language=None, date="2024-01-01") for r in corpus(args.articles)]
    words = sum(len(d.tokens) for d in docs)
    recognize(docs[0])  # build the gazetteer once, outside the timing
    best = min(_pass(docs) for _ in range(args.repeat))
    per_500 = 1000 * best / words * 500
    print(f"{args.articles} articles, {words / args.articles:.0f} words each: "
          f"{per_500:.3f} ms per 500-word article (best of {args.repeat})")


def _pass(docs) -> float:
    start = time.perf_counter()
    for doc in docs:
        recognize(doc)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
