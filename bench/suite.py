"""The benchmark suite: whole-process speed and memory of `aliansi code`, `ingest` and `spark`, and the
cost of each pipeline stage, written as a JSON report and a Markdown table.

    python bench/suite.py [--sizes 1000,10000,50000] [--words 500] [--seed 7] [--out bench/results]
                          [--only code-1,code-2,ingest,spark] [--stage-articles 1000]

For each size, bench/corpus.py writes the corpus (JSONL) into a temporary folder; then each command
runs as its own process, as a user would run it, and is timed from start to exit:

  code-1   aliansi code CORPUS --workers 1 > /dev/null
  code-2   aliansi code CORPUS --workers 2 > /dev/null
  ingest   aliansi ingest CORPUS --db NEW.duckdb --workers 2
  spark    aliansi spark --master local[2] --input CORPUS --output NEW_FOLDER

Spark's start-up (the JVM, the Python daemon, and the fixed cost of the job's steps) is measured apart,
as the same command on a one-article corpus, and its articles per second are over the time beyond
that. CPU seconds are those of every process of the command (user and system): on a shared machine
they vary less than the wall time, and show what a command costs beside what it waited for. Memory: `peak_rss_mb` is the largest peak resident set of any one process of the command (the
kernel's own high-water mark); `peak_pss_mb` is the most that all its processes held together
(proportional set size, so pages shared by forked workers count once), sampled every 0.5 s.

The stage costs (clean, analyse, actors, events, dedup, store, in ms per article) come from
bench/stages.py on --stage-articles articles in this process.

Sizes are a parameter because the run time is: 50,000 articles take as long as the coder needs for
them four times over (with 1 and 2 workers, the ingest and Spark).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402
import stages  # noqa: E402

HERE = Path(__file__).resolve().parent
ALIANSI = [sys.executable, "-m", "aliansi"]
COMMANDS = ("code-1", "code-2", "ingest", "spark")
SPARK_MASTER = "local[2]"
# Often enough to catch the peak of a run that lasts seconds; reading a JVM's smaps costs the kernel time.
SAMPLE_SECONDS = 0.5
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated corpus sizes (articles)")
    parser.add_argument("--words", type=int, default=500, help="mean words per article")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", default=",".join(COMMANDS), help=f"commands to run, of {','.join(COMMANDS)}")
    parser.add_argument("--stage-articles", type=int, default=1000, help="articles for the per-stage costs (0: skip)")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    commands = [c for c in args.only.split(",") if c]
    unknown = set(commands) - set(COMMANDS)
    if unknown:
        parser.error(f"unknown command(s) {', '.join(sorted(unknown))}; use {', '.join(COMMANDS)}")

    started = time.perf_counter()
    report = {"machine": machine(), "words": args.words, "seed": args.seed, "runs": [], "stages": None}
    with tempfile.TemporaryDirectory(prefix="aliansi-bench-") as folder:
        work = Path(folder)
        if "spark" in commands:
            report["spark_startup"] = spark_startup(work, args)
            _progress(f"spark start-up: {report['spark_startup']['wall_seconds']} s")
        for size in sizes:
            path = corpus.write(work / f"corpus-{size}.jsonl", size, seed=args.seed, words=args.words)
            for command in commands:
                run = measure(command_line(command, path, work), size)
                run["command"] = command
                if command == "spark":
                    spent = run["wall_seconds"] - report["spark_startup"]["wall_seconds"]
                    run["articles_per_second_after_startup"] = round(size / spent, 1) if spent > 0 else None
                report["runs"].append(run)
                _progress(f"{size} {command}: {run['articles_per_second']} articles/s, {run['peak_rss_mb']} MB")
            path.unlink()
    if args.stage_articles:
        report["stages"] = stages.measure(args.stage_articles, args.words)
    report["suite_seconds"] = round(time.perf_counter() - started, 1)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (args.out / "report.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))


def command_line(command: str, path: Path, work: Path) -> list[str]:
    fresh = work / f"{command}-{path.stem}"
    if command.startswith("code-"):
        return [*ALIANSI, "code", str(path), "--workers", command.split("-")[1]]
    if command == "ingest":
        return [*ALIANSI, "ingest", str(path), "--db", f"{fresh}.duckdb", "--workers", "2"]
    return [*ALIANSI, "spark", "--master", SPARK_MASTER, "--input", str(path), "--output", str(fresh)]


def spark_startup(work: Path, args: argparse.Namespace) -> dict:
    path = corpus.write(work / "corpus-1.jsonl", 1, seed=args.seed, words=args.words)
    return measure(command_line("spark", path, work), 1)


def measure(command: list[str], articles: int) -> dict:
    """Run `command` (stdout discarded) and time it; its memory as the module docstring says."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, stdin=subprocess.DEVNULL)
        sampler = _Sampler(process.pid)
        sampler.start()
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode(errors='replace')[-3000:]}")
    process.returncode = 0  # reaped by wait4 above
    cpu = max(usage.ru_utime + usage.ru_stime, sampler.cpu_seconds)
    return {
        "articles": articles,
        "wall_seconds": round(wall, 2),
        "articles_per_second": round(articles / wall, 1),
        "cpu_seconds": round(cpu, 1),
        "peak_rss_mb": round(max(usage.ru_maxrss / 1024, sampler.peak_rss_mb), 1),
        "peak_pss_mb": round(sampler.peak_pss_mb, 1),
        "command_line": " ".join(Path(command[0]).name if i == 0 else part for i, part in enumerate(command)),
    }


class _Sampler(threading.Thread):
    """Every SAMPLE_SECONDS, the process tree under `root`: each process's peak RSS, their PSS summed,
    and the CPU time each has used (so that processes the command never waits for count too)."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0
        self._cpu: dict[int, float] = {}
        self._done = threading.Event()

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.is_set():
            pss = 0.0
            for pid, cpu in _tree(self.root).items():
                self._cpu[pid] = cpu
                status = _kb_fields(f"/proc/{pid}/status", ("VmHWM:",))
                self.peak_rss_mb = max(self.peak_rss_mb, status.get("VmHWM:", 0) / 1024)
                pss += _kb_fields(f"/proc/{pid}/smaps_rollup", ("Pss:",)).get("Pss:", 0) / 1024
            self.peak_pss_mb = max(self.peak_pss_mb, pss)
            self._done.wait(SAMPLE_SECONDS)


def _tree(root: int) -> dict[int, float]:
    """The processes under `root` (itself included), each with the CPU seconds it has used."""
    parents, cpu = {}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    # The command name (2nd field) is in parentheses and may hold spaces: split after it.
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process ended meanwhile
            pid = int(entry)
            parents[pid] = int(fields[1])
            cpu[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found, stack = {}, [root]
    while stack:
        pid = stack.pop()
        found[pid] = cpu.get(pid, 0.0)
        stack.extend(children.get(pid, []))
    return found


def _kb_fields(path: str, names: tuple[str, ...]) -> dict[str, int]:
    values = {}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(names):
                    name, value = line.split()[:2]
                    values[name] = int(value)
    except OSError:
        pass  # the process ended meanwhile
    return values


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = _kb_fields("/proc/meminfo", ("MemTotal:",)).get("MemTotal:", 0)
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024),
        "python": platform.python_version(),
        "aliansi": _version("aliansi"),
        "pyspark": _version("pyspark"),
    }


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Measured {m['date']} on {m['cores']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
        f"aliansi {m['aliansi']}, pyspark {m['pyspark']}; generated articles of {report['words']} words on average "
        f"(seed {report['seed']}); the whole suite took {report['suite_seconds']:.0f} s.",
        "",
        "| articles | command | wall s | articles/s | CPU s | peak RSS MB (largest process) | peak PSS MB (all processes) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for run in report["runs"]:
        rate = f"{run['articles_per_second']:,}"
        if run["command"] == "spark":
            rate += f" ({run['articles_per_second_after_startup']:,} after start-up)"
        lines.append(f"| {run['articles']:,} | {run['command']} | {run['wall_seconds']:,} | {rate} | "
                     f"{run['cpu_seconds']:,} | {run['peak_rss_mb']:,} | {run['peak_pss_mb']:,} |")
    if "spark_startup" in report:
        lines += ["", f"Spark start-up on {SPARK_MASTER} (one article): {report['spark_startup']['wall_seconds']} s."]
    lines += _ratios(report)
    if report["stages"]:
        costs = report["stages"]["ms_per_article"]
        lines += ["", "| stage | " + " | ".join(costs) + " |", "|---|" + "---:|" * len(costs),
                  "| ms per article | " + " | ".join(f"{v:.2f}" for v in costs.values()) + " |"]
    return "\n".join(lines) + "\n"


def _ratios(report: dict) -> list[str]:
    """Two workers against one, and Spark (after start-up) against two workers, at each size."""
    by = {(run["articles"], run["command"]): run for run in report["runs"]}
    lines = []
    for size in sorted({run["articles"] for run in report["runs"]}):
        one, two, spark = by.get((size, "code-1")), by.get((size, "code-2")), by.get((size, "spark"))
        parts = []
        if one and two:
            parts.append(f"two workers {two['articles_per_second'] / one['articles_per_second']:.2f}x one")
        if two and spark and spark["articles_per_second_after_startup"]:
            spark_seconds = size / spark["articles_per_second_after_startup"]
            parts.append(f"Spark after start-up takes {spark_seconds / two['wall_seconds']:.2f}x the two-worker time")
        if parts:
            lines.append(f"- {size:,} articles: " + "; ".join(parts) + ".")
    return ["", *lines] if lines else []


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
