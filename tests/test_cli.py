"""The command-line contract: output shape, formats, errors without tracebacks, documented commands."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from aliansi.cli import app

REPO = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Rusia dan Kazakhstan Bahas Kerja Sama Energi\n\n"
    "ASTANA, Kamis (14/3/2024) - Presiden Kazakhstan Kassym-Jomart Tokayev bertemu Presiden Rusia "
    "Vladimir Putin di Astana untuk membahas pasokan gas dan jalur kereta api.\n\n"
    "Baca juga: Harga Cabai Naik Jelang Ramadan\n\n"
    "Kedua pemimpin sepakat memperluas perdagangan dalam mata uang nasional.\n"
)
CONTRACT_KEYS = {"id", "source_file", "language", "date", "date_precision", "duplicate_of", "text", "removed", "actors", "events"}

runner = CliRunner()


def test_code_writes_one_contract_object_per_article(tmp_path):
    (tmp_path / "astana.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    article = json.loads(line)
    assert CONTRACT_KEYS <= article.keys()
    assert article["id"] == "astana"
    assert article["language"] == "id"
    assert (article["date"], article["date_precision"]) == ("2024-03-14", "day")
    assert "Baca juga" not in article["text"]
    assert article["removed"] == [{"text": "Baca juga: Harga Cabai Naik Jelang Ramadan", "reason": "related"}]
    assert {a["code"] for a in article["actors"]} >= {"RUS", "KAZ"}
    for actor in article["actors"]:
        for mention in actor["mentions"]:
            assert article["text"][mention["start"]:mention["end"]] == mention["text"]


def test_json_format_is_one_array(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "rec-1", "text": ARTICLE.replace("Astana", "Almaty")}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)] == ["a", "rec-1"]


def test_table_format_lists_each_article(tmp_path):
    (tmp_path / "astana.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path), "--format", "table"])
    assert result.exit_code == 0
    assert "astana" in result.stdout and "2024-03-14" in result.stdout


def test_unreadable_input_is_reported_and_the_rest_still_coded(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00broken")
    result = runner.invoke(app, ["code", str(tmp_path)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["good"]
    assert "bad.txt" in result.stderr and "UTF-8" in result.stderr
    assert "Traceback" not in result.output


def test_missing_path_is_an_error_without_traceback(tmp_path):
    result = runner.invoke(app, ["code", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_workers_give_the_same_output_as_one_process(tmp_path):
    for number in range(6):
        (tmp_path / f"a{number}.txt").write_text(ARTICLE.replace("Astana", f"Astana {number}"), encoding="utf-8")
    one = runner.invoke(app, ["code", str(tmp_path)])
    two = runner.invoke(app, ["code", str(tmp_path), "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    ids = [json.loads(line)["duplicate_of"] for line in two.stdout.splitlines()]
    assert ids == [None] + ["a0"] * 5  # near-copies point to the first seen, in input order


def test_console_script_runs_as_a_process_and_keeps_stdout_clean(tmp_path):
    (tmp_path / "astana.txt").write_text(ARTICLE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "aliansi", "code", str(tmp_path)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == "astana"


def _command_names(command, prefix=""):
    for name, sub in getattr(command, "commands", {}).items():
        yield f"{prefix}{name}"
        yield from _command_names(sub, f"{prefix}{name} ")


@pytest.mark.parametrize("name", sorted(_command_names(get_command(app))))
def test_every_command_has_help_and_is_documented_in_the_readme(name):
    result = runner.invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"aliansi {re.escape(name)}\b", readme), f"`aliansi {name}` is not documented in README.md"
