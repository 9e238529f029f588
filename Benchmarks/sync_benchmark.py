#!/usr/bin/env python3
"""Backflow's sync benchmark (issue 3, "Performance"): a full sync and a 1%-change sync of a large
SQLite model into `backflow sink`, side by side with the extraction floor (`sqlite3 -json` of the
same query to /dev/null) and with Segment's official Python library sending the same rows to the
same receiver. Prints the medians and the ratios the issue's targets name, and writes them to
Benchmarks/results/latest.json. Benchmarks/README.md explains what is measured and how to read it.

Standard library only; the Segment library is installed into a virtualenv of its own
(Benchmarks/.venv) and runs as a child process (python_sender.py).
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPOSITORY = BENCHMARKS.parent
VENV = BENCHMARKS / ".venv"
SEGMENT_PACKAGE = "segment-analytics-python"
WRITE_KEY_VARIABLE = "BACKFLOW_BENCH_WRITE_KEY"
WRITE_KEY = "bench-write-key"
MAPPING = "Identify users"
QUERY = "SELECT * FROM users"
CHANGE_EVERY = 100  # every 100th row changes between the full and the incremental sync: 1%

# One statement: a recursive CTE numbers the rows and every column derives from the number, so a
# million rows take a few seconds. Types a users table has: text, integers, reals, a boolean as an
# integer, ISO-8601 timestamps and a nullable column (a third of the rows have no referrer).
WAREHOUSE_SQL = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    plan TEXT NOT NULL,
    age INTEGER NOT NULL,
    logins INTEGER NOT NULL,
    lifetime_value REAL NOT NULL,
    is_active INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    referrer TEXT
);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
INSERT INTO users
SELECT i,
       'user' || i || '@example.com',
       CASE i % 8 WHEN 0 THEN 'Ada' WHEN 1 THEN 'Grace' WHEN 2 THEN 'Alan' WHEN 3 THEN 'Edsger'
                  WHEN 4 THEN 'Barbara' WHEN 5 THEN 'Donald' WHEN 6 THEN 'Frances' ELSE 'Ken' END,
       CASE i % 7 WHEN 0 THEN 'Lovelace' WHEN 1 THEN 'Hopper' WHEN 2 THEN 'Turing' WHEN 3 THEN 'Dijkstra'
                  WHEN 4 THEN 'Liskov' WHEN 5 THEN 'Knuth' ELSE 'Allen' END,
       CASE i % 4 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' WHEN 2 THEN 'team' ELSE 'enterprise' END,
       18 + i % 60,
       (i * 7919) % 5000,
       round((i % 100000) * 1.37 + 0.25, 2),
       i % 5 != 0,
       strftime('%Y-%m-%dT%H:%M:%SZ', 1577836800 + i * 53, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%SZ', 1672531200 + i * 29, 'unixepoch'),
       CASE WHEN i % 3 = 0 THEN NULL ELSE 'campaign-' || (i % 50) END
  FROM n;
"""

# The change between the two syncs: 1% of the rows get a new login count and update time. Each run
# adds another step, so every run's incremental sync sees changed checksums.
CHANGE_SQL = f"""
UPDATE users
   SET logins = logins + 1,
       updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
 WHERE id % {CHANGE_EVERY} = 0;
"""

WORKSPACE_YAML = """# Written by Benchmarks/sync_benchmark.py: one Send Identify mapping with 11 traits.
version: 1
sources:
  warehouse:
    type: sqlite
    path: {warehouse}
models:
  users:
    source: warehouse
    id_column: id
    query: {query}
destinations:
  segment:
    type: actions-segment
    write_key_env: {write_key_variable}
    endpoint: http://127.0.0.1:{port}/v1
mappings:
  - name: {mapping}
    destination: segment
    model: users
    action: sendIdentify
    records: added_or_updated
    fields:
      user_id: {{"@template": "{{{{properties.id}}}}"}}
      message_id: {{"@path": "$.messageId"}}
      traits:
        email: {{"@path": "$.properties.email"}}
        first_name: {{"@path": "$.properties.first_name"}}
        last_name: {{"@path": "$.properties.last_name"}}
        plan: {{"@path": "$.properties.plan"}}
        age: {{"@path": "$.properties.age"}}
        logins: {{"@path": "$.properties.logins"}}
        lifetime_value: {{"@path": "$.properties.lifetime_value"}}
        is_active: {{"@path": "$.properties.is_active"}}
        created_at: {{"@path": "$.properties.created_at"}}
        updated_at: {{"@path": "$.properties.updated_at"}}
        referrer: {{"@path": "$.properties.referrer"}}
"""


class BenchmarkError(Exception):
    """A phase failed or a contender did not deliver every row; the message says which."""


@dataclass
class Measurement:
    """One timed child process: wall seconds, CPU seconds (user + system, its own threads only),
    the rows it handled and its peak resident set; for a contender that sends to the sink, also the
    CPU seconds the sink spent while it ran."""

    contender: str
    rows: int
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    delivered: int | None = None
    sink_cpu_seconds: float | None = None

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


@dataclass
class Workspace:
    """A warehouse of `rows` users and the workspace file that maps it, in a folder of its own."""

    folder: Path
    rows: int

    @property
    def warehouse(self) -> Path:
        return self.folder / "warehouse.sqlite"

    @property
    def workspace_file(self) -> Path:
        return self.folder / "backflow.yml"

    @property
    def state_folder(self) -> Path:
        return self.folder / ".backflow"


@dataclass
class Results:
    rows: int
    runs: int
    machine: dict
    runs_detail: list = field(default_factory=list)
    rss_check: dict | None = None


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(contender: str, rows: int, command: list[str], *, env: dict | None = None,
            stdout=subprocess.DEVNULL, stderr_path: Path | None = None) -> tuple[Measurement, int]:
    """Runs `command` to its end and measures it alone: wall time around the child, peak RSS from
    the child's own rusage (os.wait4), so nothing else this script runs is counted."""
    stderr = open(stderr_path, "wb") if stderr_path else subprocess.DEVNULL
    try:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stderr_path:
            stderr.close()
    # ru_maxrss is in kilobytes on Linux.
    return Measurement(contender, rows, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024), \
        process.returncode


class Sink:
    """`backflow sink --port 0 --quiet`: no --out, so the receiver only checks and counts."""

    def __init__(self, backflow: Path, log_path: Path):
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [str(backflow), "sink", "--port", "0", "--quiet"], stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline()
        match = re.match(r"backflow sink listening on http://([^:/]+):(\d+)/v1", line)
        if not match:
            self.process.kill()
            self.process.wait()
            self.log.close()
            raise BenchmarkError(f"the sink did not start; its first line was {line!r} (see {log_path})")
        self.host, self.port = match.group(1), int(match.group(2))

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def cpu_seconds(self) -> float:
        """The sink's user + system time so far, all its threads, from /proc/PID/stat (Linux): read
        before and after a contender, the difference is what receiving that contender cost."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            # The fields after the command name, which is in parentheses and may hold spaces;
            # utime and stime are the 14th and 15th fields of the line, in clock ticks.
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def accepted(self) -> int:
        with urllib.request.urlopen(self.base_url + "/stats", timeout=10) as answer:
            stats = json.load(answer)
        if stats["rejectedRequests"] or stats["droppedMessages"]:
            raise BenchmarkError(f"the sink rejected or dropped messages: {stats}")
        return stats["acceptedMessages"]

    def stop(self) -> str:
        self.process.send_signal(signal.SIGTERM)
        summary, _ = self.process.communicate(timeout=30)
        self.log.close()
        return summary.strip()


def run_command(command: list[str], description: str, **kwargs) -> subprocess.CompletedProcess:
    completed = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if completed.returncode != 0:
        raise BenchmarkError(f"{description} failed ({completed.returncode}): {completed.stderr.strip()}")
    return completed


def build_backflow() -> Path:
    log("building Backflow in release (swift build -c release --product backflow)")
    subprocess.run(["swift", "build", "-c", "release", "--product", "backflow"], cwd=REPOSITORY, check=True)
    binary_folder = run_command(
        ["swift", "build", "-c", "release", "--show-bin-path"], "swift build --show-bin-path", cwd=REPOSITORY).stdout
    return Path(binary_folder.strip()) / "backflow"


def python_with_segment() -> Path:
    """The virtualenv's interpreter, with the Segment library installed on first use."""
    python = VENV / "bin" / "python"
    probe = [str(python), "-c", "import segment.analytics"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    log(f"installing {SEGMENT_PACKAGE} into {VENV}")
    run_command([sys.executable, "-m", "venv", str(VENV)], "creating the virtualenv")
    run_command([str(python), "-m", "pip", "install", "--quiet", SEGMENT_PACKAGE], f"pip install {SEGMENT_PACKAGE}")
    return python


def package_version(python: Path) -> str:
    return run_command(
        [str(python), "-c", "import segment.analytics as a; print(a.__version__)"], "reading the library's version"
    ).stdout.strip()


def create_workspace(folder: Path, rows: int) -> Workspace:
    workspace = Workspace(folder, rows)
    folder.mkdir(parents=True, exist_ok=True)
    log(f"creating a {rows:,}-row warehouse in {workspace.warehouse}")
    started = time.perf_counter()
    run_command(["sqlite3", str(workspace.warehouse)], "creating the warehouse",
                input=WAREHOUSE_SQL.format(rows=rows))
    log(f"  created in {time.perf_counter() - started:.1f} s "
        f"({workspace.warehouse.stat().st_size / 1e6:.0f} MB)")
    return workspace


def write_workspace_file(workspace: Workspace, port: int) -> None:
    workspace.workspace_file.write_text(WORKSPACE_YAML.format(
        warehouse=workspace.warehouse.name, query=QUERY, write_key_variable=WRITE_KEY_VARIABLE,
        port=port, mapping=MAPPING))


def sync(backflow: Path, workspace: Workspace, sink: Sink, contender: str, expected: int, logs: Path) -> Measurement:
    """One `backflow sync --json`, checked against its own summary and the sink's count."""
    env = dict(os.environ, **{WRITE_KEY_VARIABLE: WRITE_KEY})
    before = sink.accepted()
    output_path = logs / f"{contender}.json"
    sink_cpu_before = sink.cpu_seconds()
    with open(output_path, "wb") as output:
        measurement, status = measure(
            contender, expected,
            [str(backflow), "sync", MAPPING, "-w", str(workspace.workspace_file), "--json"],
            env=env, stdout=output, stderr_path=logs / f"{contender}.stderr")
    measurement.sink_cpu_seconds = sink.cpu_seconds() - sink_cpu_before
    summary_text = output_path.read_text()
    if status != 0:
        raise BenchmarkError(f"{contender}: backflow sync exited {status}: {summary_text[:2000]}")
    summary = json.loads(summary_text)[0]
    measurement.delivered = sink.accepted() - before
    if summary["delivered"] != expected or measurement.delivered != expected:
        raise BenchmarkError(
            f"{contender}: expected {expected} deliveries; backflow reported {summary['delivered']}, "
            f"the sink accepted {measurement.delivered}")
    return measurement


def extraction_floor(workspace: Workspace) -> Measurement:
    measurement, status = measure("sqlite3 floor", workspace.rows, ["sqlite3", "-json", str(workspace.warehouse), QUERY])
    if status != 0:
        raise BenchmarkError(f"sqlite3 -json exited {status}")
    return measurement


def python_library(python: Path, workspace: Workspace, sink: Sink, upload_size: int, logs: Path) -> Measurement:
    before = sink.accepted()
    sink_cpu_before = sink.cpu_seconds()
    measurement, status = measure(
        "Python library", workspace.rows,
        [str(python), str(BENCHMARKS / "python_sender.py"), str(workspace.warehouse), sink.base_url, WRITE_KEY,
         str(upload_size)],
        stderr_path=logs / "python.stderr")
    measurement.sink_cpu_seconds = sink.cpu_seconds() - sink_cpu_before
    if status != 0:
        raise BenchmarkError(f"the Python library's script exited {status}: see {logs / 'python.stderr'}")
    measurement.delivered = sink.accepted() - before
    if measurement.delivered != workspace.rows:
        raise BenchmarkError(f"the Python library delivered {measurement.delivered} of {workspace.rows} rows")
    return measurement


def describe(measurement: Measurement) -> str:
    text = (f"{measurement.contender}: {measurement.seconds:.2f} s, {measurement.rows_per_second:,.0f} rows/s, "
            f"CPU {measurement.cpu_seconds:.2f} s, peak RSS {measurement.peak_rss_mb:.0f} MB")
    if measurement.sink_cpu_seconds is not None:
        text += f", sink CPU {measurement.sink_cpu_seconds:.2f} s"
    return text


def one_run(number: int, backflow: Path, python: Path | None, workspace: Workspace, upload_size: int,
            logs_root: Path) -> list[Measurement]:
    """A fresh sink (Backflow's messageIds are deterministic, so a second full sync into the same
    sink would be counted as duplicates) and a fresh state folder, then the four contenders."""
    logs = logs_root / f"run-{number}"
    logs.mkdir(parents=True, exist_ok=True)
    sink = Sink(backflow, logs / "sink.stderr")
    try:
        write_workspace_file(workspace, sink.port)
        shutil.rmtree(workspace.state_folder, ignore_errors=True)
        measurements = []

        def record(measurement: Measurement) -> None:
            measurements.append(measurement)
            log(f"  run {number}: {describe(measurement)}")

        record(sync(backflow, workspace, sink, "full sync", workspace.rows, logs))
        run_command(["sqlite3", str(workspace.warehouse)], "changing 1% of the rows", input=CHANGE_SQL)
        record(sync(backflow, workspace, sink, "incremental sync", workspace.rows // CHANGE_EVERY, logs))
        record(extraction_floor(workspace))
        if python:
            record(python_library(python, workspace, sink, upload_size, logs))
    finally:
        log(f"  sink: {sink.stop()}")
    return measurements


def median_of(measurements: list[Measurement], contender: str) -> dict | None:
    chosen = [m for m in measurements if m.contender == contender]
    if not chosen:
        return None
    sink_cpu = [m.sink_cpu_seconds for m in chosen if m.sink_cpu_seconds is not None]
    return {
        "contender": contender,
        "rows": chosen[0].rows,
        "seconds": statistics.median(m.seconds for m in chosen),
        "rows_per_second": statistics.median(m.rows_per_second for m in chosen),
        "cpu_seconds": statistics.median(m.cpu_seconds for m in chosen),
        "peak_rss_mb": statistics.median(m.peak_rss_mb for m in chosen),
        "sink_cpu_seconds": statistics.median(sink_cpu) if sink_cpu else None,
        "samples": len(chosen),
    }


def machine_description() -> dict:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPOSITORY, capture_output=True,
                                 text=True).stdout.strip(),
        "note": "shared machine: other builds may run at the same time; see load averages",
    }


def verdict(passed: bool) -> str:
    return "ok" if passed else "MISSED"


def report(medians: dict, rss_check: dict | None, rows: int, runs: int) -> list[dict]:
    """Prints the medians table and the targets; returns the targets as data."""
    print()
    print(f"Medians of {runs} run(s), {rows:,} rows (wall time of each process; CPU time and peak RSS from its rusage)")
    print(f"{'':<22}{'wall s':>10}{'rows/s':>14}{'CPU s':>10}{'peak RSS MB':>14}")
    for name in ("full sync", "incremental sync", "sqlite3 floor", "Python library"):
        median = medians.get(name)
        if median:
            label = name if name != "incremental sync" else "1% incremental sync"
            print(f"{label:<22}{median['seconds']:>10.2f}{median['rows_per_second']:>14,.0f}"
                  f"{median['cpu_seconds']:>10.2f}{median['peak_rss_mb']:>14.1f}")
    full, incremental = medians["full sync"], medians["incremental sync"]
    floor, python = medians["sqlite3 floor"], medians.get("Python library")
    targets = [{
        "target": "full sync time / extraction floor time <= 3",
        "value": full["seconds"] / floor["seconds"],
        "met": full["seconds"] / floor["seconds"] <= 3,
    }]
    if python:
        targets.append({
            "target": "Backflow rows/s / Python library rows/s >= 10",
            "value": full["rows_per_second"] / python["rows_per_second"],
            "met": full["rows_per_second"] / python["rows_per_second"] >= 10,
        })
    targets.append({
        "target": "1% incremental sync seconds < 5",
        "value": incremental["seconds"],
        "met": incremental["seconds"] < 5,
    })
    peak = max(full["peak_rss_mb"], incremental["peak_rss_mb"])
    targets.append({"target": "peak RSS MB < 150", "value": peak, "met": peak < 150})
    if rss_check:
        growth = full["peak_rss_mb"] / rss_check["peak_rss_mb"]
        targets.append({
            "target": f"peak RSS flat from {rss_check['rows']:,} to {rows:,} rows (ratio <= 1.25)",
            "value": growth,
            "met": growth <= 1.25,
            "small_peak_rss_mb": rss_check["peak_rss_mb"],
            "large_peak_rss_mb": full["peak_rss_mb"],
        })
    print()
    print("Targets (issue 3)")
    for target in targets:
        print(f"  {verdict(target['met']):<7}{target['target']}: {target['value']:.2f}")
    if rss_check:
        print(f"         (full sync peak RSS: {rss_check['peak_rss_mb']:.1f} MB at {rss_check['rows']:,} rows, "
              f"{full['peak_rss_mb']:.1f} MB at {rows:,} rows)")
    return targets


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the model (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs to take the medians of (default 3)")
    parser.add_argument("--rss-check", action=argparse.BooleanOptionalAction, default=True,
                        help="also run the full sync at --rss-rows rows, to see whether peak RSS stays flat")
    parser.add_argument("--rss-rows", type=int, default=100_000, help="the row count of the RSS check (default 100,000)")
    parser.add_argument("--python", action=argparse.BooleanOptionalAction, default=True,
                        help="run the Python library contender (default on)")
    parser.add_argument("--python-upload-size", type=int, default=100,
                        help="the Python library's upload_size, messages per batch (its default: 100)")
    parser.add_argument("--skip-build", action="store_true", help="use the release binary as it is")
    parser.add_argument("--workdir", type=Path, help="where to create the warehouses (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder afterwards")
    parser.add_argument("--output", type=Path, default=BENCHMARKS / "results" / "latest.json",
                        help="where to write the results as JSON")
    arguments = parser.parse_args()
    if arguments.rows < CHANGE_EVERY or arguments.runs < 1:
        parser.error(f"--rows must be at least {CHANGE_EVERY} and --runs at least 1")
    return arguments


def main() -> int:
    arguments = parse_arguments()
    for tool in ("sqlite3", "swift"):
        if not shutil.which(tool):
            raise BenchmarkError(f"{tool} is not on PATH (scripts/bootstrap installs sqlite3)")
    backflow = build_backflow() if not arguments.skip_build else REPOSITORY / ".build" / "release" / "backflow"
    python = python_with_segment() if arguments.python else None
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="backflow-bench-"))
    results = Results(rows=arguments.rows, runs=arguments.runs, machine=machine_description())
    if python:
        results.machine["segment_analytics_python"] = package_version(python)
        results.machine["python_upload_size"] = arguments.python_upload_size
    log(f"working folder: {workdir}")
    try:
        workspace = create_workspace(workdir / f"rows-{arguments.rows}", arguments.rows)
        measurements = []
        for number in range(1, arguments.runs + 1):
            log(f"run {number} of {arguments.runs}")
            run = one_run(number, backflow, python, workspace, arguments.python_upload_size, workdir / "logs")
            results.runs_detail.append([asdict(m) | {"rows_per_second": m.rows_per_second} for m in run])
            measurements.extend(run)
        rss_check = None
        if arguments.rss_check and arguments.rss_rows != arguments.rows:
            log(f"RSS check: the full sync at {arguments.rss_rows:,} rows")
            small = create_workspace(workdir / f"rows-{arguments.rss_rows}", arguments.rss_rows)
            sink = Sink(backflow, workdir / "rss-sink.stderr")
            try:
                write_workspace_file(small, sink.port)
                logs = workdir / "logs" / "rss-check"
                logs.mkdir(parents=True, exist_ok=True)
                small_full = sync(backflow, small, sink, "full sync", small.rows, logs)
                log(f"  {describe(small_full)}")
            finally:
                sink.stop()
            rss_check = asdict(small_full) | {"rows_per_second": small_full.rows_per_second}
            results.rss_check = rss_check
        medians = {name: median_of(measurements, name)
                   for name in ("full sync", "incremental sync", "sqlite3 floor", "Python library")}
        medians = {name: value for name, value in medians.items() if value}
        targets = report(medians, rss_check, arguments.rows, arguments.runs)
        results.machine["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
        document = asdict(results) | {"medians": medians, "targets": targets}
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(json.dumps(document, indent=2) + "\n")
        print(f"\nmachine: {results.machine['cpus']} CPUs, load average {results.machine['load_average_at_start']} "
              f"at start, {results.machine['load_average_at_end']} at end (shared: other builds may be running)")
        print(f"results: {arguments.output}")
    finally:
        if arguments.keep or arguments.workdir:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchmarkError as error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        sys.exit(1)
