"""The Pipeline's process pool: the same output with any worker count, bounded read-ahead, clean early stops."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from aliansi.ingest import read_paths
from aliansi.models import RawArticle
from aliansi.pipeline import IN_FLIGHT_CHUNKS, WORKER_CHUNK, Pipeline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _samples() -> list[RawArticle]:
    return [raw for raw in read_paths([SAMPLES / "id", SAMPLES / "en"]) if isinstance(raw, RawArticle)]


def test_two_workers_give_the_lines_of_one():
    raws = _samples()
    assert len(raws) >= 4
    one = list(Pipeline().json_lines(raws, workers=1))
    assert list(Pipeline().json_lines(raws, workers=2)) == one
    assert [json.loads(line)["id"] for line in one] == [raw.id for raw in raws]


def test_json_lines_match_run():
    raws = _samples()
    assert [json.loads(line) for line in Pipeline().json_lines(raws)] == [a.to_dict() for a in Pipeline().run(raws)]


def test_workers_read_only_so_far_ahead_and_stop_when_the_consumer_does():
    template = _samples()[0]
    taken = []

    def endless():
        for number in itertools.count():
            taken.append(number)
            yield RawArticle(id=f"a{number}", source_file=template.source_file, text=template.text)

    lines = Pipeline().json_lines(endless(), workers=2)
    assert len(list(itertools.islice(lines, 3))) == 3
    lines.close()  # must return, not wait on a feeder blocked for room
    assert len(taken) <= 3 + IN_FLIGHT_CHUNKS * 2 * WORKER_CHUNK + 2 * WORKER_CHUNK


def test_an_id_that_spells_the_duplicate_key_keeps_its_line_intact():
    raw = _samples()[0]
    tricky = RawArticle(id='x "duplicate_of": null y', source_file=raw.source_file, text=raw.text)
    line = next(Pipeline().json_lines([tricky]))
    decoded = json.loads(line)
    assert decoded["id"] == tricky.id
    assert decoded["duplicate_of"] is None
