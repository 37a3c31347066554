"""Whole-process speed of `aliansi code` on a generated corpus: articles per second and peak memory.

    python bench/code_speed.py [--articles 2000] [--words 500] [--workers 1]

Generates the corpus with bench/corpus.py into a temporary folder, runs `aliansi code` on it as a
separate process (output discarded), and reports wall time, articles per second including start-up,
and the child's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--words", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in corpus(args.articles, words=args.words):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        command = [sys.executable, "-m", "aliansi", "code", str(path), "--workers", str(args.workers)]
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps({
        "articles": args.articles,
        "words": args.words,
        "workers": args.workers,
        "wall_seconds": round(wall, 2),
        "articles_per_second": round(args.articles / wall, 1),
        "peak_rss_mb_largest_process": round(peak_mb, 1),
    }, indent=2))


if __name__ == "__main__":
    main()
