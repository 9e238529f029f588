#!/usr/bin/env python3
"""Backflow's sync benchmark (issues 3 and 15, "Performance"): a full sync and a 1%-change sync of a
large model into `backflow sink`, from SQLite and from PostgreSQL, each side by side with its own
extraction floor (`sqlite3 -json` of the model; `psql -c "COPY (SELECT row_to_json(u) FROM users u)
TO STDOUT"`) and, for SQLite, with Segment's official Python library sending the same rows to the
same receiver. Prints the medians and the ratios the issues' targets name, and writes them to
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
from dataclasses import asdict, dataclass
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
REFERENCE_RUNS = 3  # full syncs at the smaller row count of the RSS and linearity checks, for a median

# One statement: a recursive CTE numbers the rows and every column derives from the number, so a
# million rows take a few seconds. Types a users table has: text, integers, reals, a boolean as an
# integer, ISO-8601 timestamps and a nullable column (a third of the rows have no referrer).
WAREHOUSE_SQL = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
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

# The same rows in PostgreSQL: the types a users table has there, the email unique as it would be.
POSTGRES_TABLE_SQL = """
CREATE TABLE users (
    id bigint PRIMARY KEY,
    email text NOT NULL UNIQUE,
    first_name text NOT NULL,
    last_name text NOT NULL,
    plan text NOT NULL,
    age integer NOT NULL,
    logins integer NOT NULL,
    lifetime_value double precision NOT NULL,
    is_active integer NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    referrer text
);
"""

POSTGRES_CHANGE_SQL = f"""
UPDATE users
   SET logins = logins + 1,
       updated_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
 WHERE id % {CHANGE_EVERY} = 0;
"""

WORKSPACE_YAML = """# Written by Benchmarks/sync_benchmark.py: one Send Identify mapping ({shape}).
version: 1
workspace_id: ws_benchmark00000000000
sources:
  warehouse:
{source}
models:
  users:
    source: warehouse
    id_column: {id_column}
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
{fields}
settings:
  sync_log: {sync_log}
"""

# The mapping's fields per shape: an integer id and 11 traits key by key (the shape of issue 3), or a
# text id (the unique email) and the whole row as traits (`{"@path": "$.properties"}`).
SHAPES = {
    "keyed": ("id", """      user_id: {"@template": "{{properties.id}}"}
      message_id: {"@path": "$.messageId"}
      traits:
        email: {"@path": "$.properties.email"}
        first_name: {"@path": "$.properties.first_name"}
        last_name: {"@path": "$.properties.last_name"}
        plan: {"@path": "$.properties.plan"}
        age: {"@path": "$.properties.age"}
        logins: {"@path": "$.properties.logins"}
        lifetime_value: {"@path": "$.properties.lifetime_value"}
        is_active: {"@path": "$.properties.is_active"}
        created_at: {"@path": "$.properties.created_at"}
        updated_at: {"@path": "$.properties.updated_at"}
        referrer: {"@path": "$.properties.referrer"}"""),
    "whole-row": ("email", """      user_id: {"@path": "$.properties.email"}
      message_id: {"@path": "$.messageId"}
      traits: {"@path": "$.properties"}"""),
}


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
    server_cpu_seconds: float | None = None

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else float("inf")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def measure(contender: str, rows: int, command: list[str], *, env: dict | None = None,
            stdout=subprocess.DEVNULL, stderr_path: Path | None = None) -> tuple[Measurement, int]:
    """Runs `command` to its end and measures it alone: wall time around the child, peak RSS from
    the child's own rusage (os.wait4), so nothing else this script runs is counted.

    Data that earlier steps left for the kernel to write (a warehouse just created, a server just
    loaded, the state of the run before) is written out first, so the command pays for its own
    writes only."""
    os.sync()
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


def process_cpu_seconds(pids: list[int], *, reaped_children: bool = False) -> float:
    """User + system seconds so far of these processes, all their threads, from /proc (Linux); with
    `reaped_children`, also those of their children that have exited and been waited for."""
    total = 0.0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                # The fields after the command name, which is in parentheses and may hold spaces;
                # utime, stime, cutime and cstime are the 14th to 17th fields of the line, in clock ticks.
                fields = stat.read().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        ticks = int(fields[11]) + int(fields[12])
        if reaped_children:
            ticks += int(fields[13]) + int(fields[14])
        total += ticks / os.sysconf("SC_CLK_TCK")
    return total


def run_command(command: list[str], description: str, **kwargs) -> subprocess.CompletedProcess:
    completed = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if completed.returncode != 0:
        raise BenchmarkError(f"{description} failed ({completed.returncode}): {completed.stderr.strip()}")
    return completed


def folder_megabytes(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6 if folder.exists() else 0.0


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
        return process_cpu_seconds([self.process.pid])

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


class PostgresServer:
    """A throwaway PostgreSQL server in a temp folder, started as scripts/test starts one (initdb as
    the unprivileged `postgres` user when run as root, loopback only, a random port), with the
    server's own defaults otherwise: fsync and synchronous commits on, as a deployment runs."""

    def __init__(self, folder: Path):
        binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))
        if not binaries or not (binaries[-1] / "initdb").exists():
            raise BenchmarkError("PostgreSQL is not installed (run scripts/bootstrap --for-tests)")
        self.bin = binaries[-1]
        self.folder = folder
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.as_postgres = []
        if os.getuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        run_command(self.as_postgres + [str(self.bin / "initdb"), "-A", "trust", "-U", "backflow", "-E", "UTF8",
                                        "-D", str(folder / "data")], "initdb")
        for _ in range(5):
            self.port = 20000 + int.from_bytes(os.urandom(2), "big") % 40000
            started = subprocess.run(
                self.as_postgres + [str(self.bin / "pg_ctl"), "-w", "-D", str(folder / "data"), "-l",
                                    str(folder / "server.log"), "-o",
                                    f"-c listen_addresses=127.0.0.1 -p {self.port} -k {folder}", "start"],
                capture_output=True)
            if started.returncode == 0:
                break
        else:
            raise BenchmarkError(f"PostgreSQL did not start: see {folder / 'server.log'}")
        self.admin_url = f"postgresql://backflow@127.0.0.1:{self.port}/postgres"

    def cpu_seconds(self) -> float:
        """The server's CPU seconds so far: the postmaster with the backends it has reaped (each
        connection's backend exits when the connection closes), plus the backends still running."""
        with open(self.folder / "data" / "postmaster.pid") as pid_file:
            postmaster = int(pid_file.readline())
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
        return process_cpu_seconds([postmaster], reaped_children=True) + \
            process_cpu_seconds([int(child) for child in children])

    def stop(self) -> None:
        subprocess.run(self.as_postgres + [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast",
                                           "stop"], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


class SQLiteEngine:
    """The model in a SQLite file, written by one sqlite3 statement."""

    name = "sqlite"
    floor_name = "sqlite3 floor"

    def __init__(self, folder: Path, rows: int):
        self.folder = folder
        self.rows = rows
        self.warehouse = folder / "warehouse.sqlite"
        folder.mkdir(parents=True, exist_ok=True)
        self.warehouse.unlink(missing_ok=True)
        log(f"sqlite: creating a {rows:,}-row warehouse in {self.warehouse}")
        started = time.perf_counter()
        run_command(["sqlite3", str(self.warehouse)], "creating the warehouse", input=WAREHOUSE_SQL.format(rows=rows))
        log(f"  created in {time.perf_counter() - started:.1f} s ({self.warehouse.stat().st_size / 1e6:.0f} MB)")

    def source_yaml(self) -> str:
        return f"    type: sqlite\n    path: {self.warehouse}"

    def environment(self) -> dict:
        return {}

    def change_one_percent(self) -> None:
        run_command(["sqlite3", str(self.warehouse)], "changing 1% of the rows", input=CHANGE_SQL)

    def floor_command(self) -> list[str]:
        return ["sqlite3", "-json", str(self.warehouse), QUERY]

    def server_cpu_seconds(self) -> float | None:
        return None

    def state_megabytes(self, workspace_folder: Path) -> float:
        return folder_megabytes(workspace_folder / ".backflow")

    def temporary_megabytes(self) -> float | None:
        return None

    def reset_state(self, workspace_folder: Path) -> None:
        shutil.rmtree(workspace_folder / ".backflow", ignore_errors=True)

    def close(self) -> None:
        pass


class PostgresEngine:
    """The same rows in a database of a throwaway server, loaded by COPY from the SQLite model (so the
    two engines hold the same values)."""

    name = "postgres"
    floor_name = "psql floor"
    url_variable = "BACKFLOW_BENCH_PG_URL"

    def __init__(self, folder: Path, rows: int, sqlite: SQLiteEngine):
        self.rows = rows
        self.server = PostgresServer(folder / "postgres")
        self.database = f"bench_{rows}"
        run_command(["psql", "-q", self.server.admin_url, "-c", f"CREATE DATABASE {self.database}"], "createdb")
        self.url = self.server.admin_url.rsplit("/", 1)[0] + "/" + self.database
        log(f"postgres: loading {rows:,} rows by COPY into {self.database} on port {self.server.port}")
        started = time.perf_counter()
        run_command(["psql", "-q", self.url, "-c", POSTGRES_TABLE_SQL], "creating the users table")
        export = subprocess.Popen(["sqlite3", "-csv", str(sqlite.warehouse), QUERY], stdout=subprocess.PIPE)
        load = subprocess.run(["psql", "-q", self.url, "-c", "COPY users FROM STDIN (FORMAT csv)"],
                              stdin=export.stdout, capture_output=True, text=True)
        export.stdout.close()
        if export.wait() != 0 or load.returncode != 0:
            raise BenchmarkError(f"loading PostgreSQL failed: {load.stderr.strip()}")
        run_command(["psql", "-q", self.url, "-c", "VACUUM ANALYZE users"], "VACUUM ANALYZE")
        log(f"  loaded in {time.perf_counter() - started:.1f} s")

    def source_yaml(self) -> str:
        return f"    type: postgres\n    url_env: {self.url_variable}"

    def environment(self) -> dict:
        return {self.url_variable: self.url}

    def change_one_percent(self) -> None:
        run_command(["psql", "-q", self.url, "-c", POSTGRES_CHANGE_SQL], "changing 1% of the rows")

    def floor_command(self) -> list[str]:
        return ["psql", "-q", self.url, "-c", "COPY (SELECT row_to_json(u) FROM users u) TO STDOUT"]

    def server_cpu_seconds(self) -> float:
        return self.server.cpu_seconds()

    def query(self, sql: str) -> str:
        return run_command(["psql", "-qAt", self.url, "-c", sql], sql).stdout.strip()

    def state_megabytes(self, workspace_folder: Path) -> float:
        size = self.query("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                          "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'backflow' AND c.relkind = 'r'")
        return int(size or 0) / 1e6 + folder_megabytes(workspace_folder / ".backflow")

    def temporary_megabytes(self) -> float:
        """Temporary file bytes the database has written so far (pg_stat_database.temp_bytes)."""
        return int(self.query("SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()")) / 1e6

    def reset_state(self, workspace_folder: Path) -> None:
        self.query("DROP SCHEMA IF EXISTS backflow CASCADE")
        shutil.rmtree(workspace_folder / ".backflow", ignore_errors=True)

    def close(self) -> None:
        self.server.stop()


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


def write_workspace_file(folder: Path, engine, shape: str, port: int, sync_log: str) -> Path:
    id_column, fields = SHAPES[shape]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "backflow.yml"
    path.write_text(WORKSPACE_YAML.format(
        shape=shape, source=engine.source_yaml(), id_column=id_column, query=QUERY,
        write_key_variable=WRITE_KEY_VARIABLE, port=port, mapping=MAPPING, fields=fields, sync_log=sync_log))
    return path


def sync(backflow: Path, workspace_file: Path, engine, sink: Sink, contender: str, expected: int,
         logs: Path) -> Measurement:
    """One `backflow sync --json`, checked against its own summary and the sink's count."""
    env = dict(os.environ, **{WRITE_KEY_VARIABLE: WRITE_KEY}, **engine.environment())
    before = sink.accepted()
    output_path = logs / f"{engine.name}-{contender}.json"
    sink_cpu_before, server_cpu_before = sink.cpu_seconds(), engine.server_cpu_seconds()
    with open(output_path, "wb") as output:
        measurement, status = measure(
            contender, expected, [str(backflow), "sync", MAPPING, "-w", str(workspace_file), "--json"],
            env=env, stdout=output, stderr_path=logs / f"{engine.name}-{contender}.stderr")
    measurement.sink_cpu_seconds = sink.cpu_seconds() - sink_cpu_before
    if server_cpu_before is not None:
        measurement.server_cpu_seconds = engine.server_cpu_seconds() - server_cpu_before
    summary_text = output_path.read_text()
    if status != 0:
        raise BenchmarkError(f"{engine.name} {contender}: backflow sync exited {status}: {summary_text[:2000]}")
    summary = json.loads(summary_text)[0]
    measurement.delivered = sink.accepted() - before
    if summary["delivered"] != expected or measurement.delivered != expected:
        raise BenchmarkError(
            f"{engine.name} {contender}: expected {expected} deliveries; backflow reported {summary['delivered']}, "
            f"the sink accepted {measurement.delivered}")
    return measurement


def extraction_floor(engine) -> Measurement:
    server_cpu_before = engine.server_cpu_seconds()
    measurement, status = measure(engine.floor_name, engine.rows, engine.floor_command())
    if server_cpu_before is not None:
        measurement.server_cpu_seconds = engine.server_cpu_seconds() - server_cpu_before
    if status != 0:
        raise BenchmarkError(f"{engine.floor_name} exited {status}")
    return measurement


def python_library(python: Path, sqlite: SQLiteEngine, sink: Sink, upload_size: int, logs: Path) -> Measurement:
    before = sink.accepted()
    sink_cpu_before = sink.cpu_seconds()
    measurement, status = measure(
        "Python library", sqlite.rows,
        [str(python), str(BENCHMARKS / "python_sender.py"), str(sqlite.warehouse), sink.base_url, WRITE_KEY,
         str(upload_size)],
        stderr_path=logs / "python.stderr")
    measurement.sink_cpu_seconds = sink.cpu_seconds() - sink_cpu_before
    if status != 0:
        raise BenchmarkError(f"the Python library's script exited {status}: see {logs / 'python.stderr'}")
    measurement.delivered = sink.accepted() - before
    if measurement.delivered != sqlite.rows:
        raise BenchmarkError(f"the Python library delivered {measurement.delivered} of {sqlite.rows} rows")
    return measurement


def describe(measurement: Measurement) -> str:
    text = (f"{measurement.contender}: {measurement.seconds:.2f} s, {measurement.rows_per_second:,.0f} rows/s, "
            f"CPU {measurement.cpu_seconds:.2f} s, peak RSS {measurement.peak_rss_mb:.0f} MB")
    if measurement.sink_cpu_seconds is not None:
        text += f", sink CPU {measurement.sink_cpu_seconds:.2f} s"
    if measurement.server_cpu_seconds is not None:
        text += f", server CPU {measurement.server_cpu_seconds:.2f} s"
    return text


def one_run(number: int, backflow: Path, engine, shape: str, sync_log: str, workspace_folder: Path,
            python: Path | None, sqlite: SQLiteEngine | None, upload_size: int, logs_root: Path) -> tuple[list[Measurement], dict]:
    """A fresh sink (Backflow's messageIds are deterministic, so a second full sync into the same
    sink would be counted as duplicates) and a fresh state, then the contenders; returns the
    measurements and what the state and the server's temporary files took."""
    logs = logs_root / f"{engine.name}-{shape}-run-{number}"
    logs.mkdir(parents=True, exist_ok=True)
    sink = Sink(backflow, logs / "sink.stderr")
    sizes = {}
    try:
        workspace_file = write_workspace_file(workspace_folder, engine, shape, sink.port, sync_log)
        engine.reset_state(workspace_folder)
        measurements = []

        def record(measurement: Measurement) -> None:
            measurements.append(measurement)
            log(f"  {engine.name} {shape} run {number}: {describe(measurement)}")

        temporary_before = engine.temporary_megabytes()
        record(sync(backflow, workspace_file, engine, sink, "full sync", engine.rows, logs))
        if temporary_before is not None:
            sizes["server_temporary_mb_full_sync"] = engine.temporary_megabytes() - temporary_before
        sizes["state_mb"] = engine.state_megabytes(workspace_folder)
        engine.change_one_percent()
        record(sync(backflow, workspace_file, engine, sink, "incremental sync", engine.rows // CHANGE_EVERY, logs))
        record(extraction_floor(engine))
        if python and sqlite:
            record(python_library(python, sqlite, sink, upload_size, logs))
    finally:
        log(f"  sink: {sink.stop()}")
    return measurements, sizes


def median_of(measurements: list[Measurement], contender: str) -> dict | None:
    chosen = [m for m in measurements if m.contender == contender]
    if not chosen:
        return None

    def median(values):
        values = [value for value in values if value is not None]
        return statistics.median(values) if values else None

    return {
        "contender": contender,
        "rows": chosen[0].rows,
        "seconds": median(m.seconds for m in chosen),
        "rows_per_second": median(m.rows_per_second for m in chosen),
        "cpu_seconds": median(m.cpu_seconds for m in chosen),
        "peak_rss_mb": median(m.peak_rss_mb for m in chosen),
        "sink_cpu_seconds": median(m.sink_cpu_seconds for m in chosen),
        "server_cpu_seconds": median(m.server_cpu_seconds for m in chosen),
        "samples": len(chosen),
    }


def paired_ratio(measurements: list[Measurement], contender: str, floor: str) -> float:
    """The median of each run's ratio of `contender` to the floor measured in the same run."""
    ours = [m.seconds for m in measurements if m.contender == contender]
    floors = [m.seconds for m in measurements if m.contender == floor]
    return statistics.median(a / b for a, b in zip(ours, floors))


def machine_description() -> dict:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPOSITORY, capture_output=True,
                                 text=True).stdout.strip(),
    }


def target(name: str, value: float, met: bool, **details) -> dict:
    return {"target": name, "value": value, "met": met, **details}


# The issue-15 bounds: full sync and 1%-change sync against the engine's own floor.
FLOOR_BOUNDS = {"sqlite": (2.0, 1.0), "postgres": (3.0, 1.5)}


def engine_targets(engine_name: str, floor_name: str, measurements: list[Measurement]) -> list[dict]:
    full_bound, incremental_bound = FLOOR_BOUNDS[engine_name]
    full = paired_ratio(measurements, "full sync", floor_name)
    incremental = paired_ratio(measurements, "incremental sync", floor_name)
    return [
        target(f"{engine_name}: full sync / {floor_name} <= {full_bound:g}", full, full <= full_bound),
        target(f"{engine_name}: 1% sync / {floor_name} <= {incremental_bound:g}", incremental,
               incremental <= incremental_bound),
    ]


def print_medians(title: str, medians: dict) -> None:
    print()
    print(title)
    print(f"{'':<22}{'wall s':>10}{'rows/s':>14}{'CPU s':>10}{'peak RSS MB':>14}{'server CPU s':>14}")
    for name, median in medians.items():
        label = name if name != "incremental sync" else "1% incremental sync"
        server = f"{median['server_cpu_seconds']:>14.2f}" if median["server_cpu_seconds"] is not None else ""
        print(f"{label:<22}{median['seconds']:>10.2f}{median['rows_per_second']:>14,.0f}"
              f"{median['cpu_seconds']:>10.2f}{median['peak_rss_mb']:>14.1f}{server}")


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows in the model (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=3, help="runs to take the medians of (default 3)")
    parser.add_argument("--engines", default="sqlite,postgres",
                        help="warehouses to sync from, comma-separated: sqlite, postgres (default both)")
    parser.add_argument("--shapes", default="keyed",
                        help="mappings to time, comma-separated: keyed (integer id, traits key by key), whole-row "
                             "(text id, the whole row as traits) (default keyed)")
    parser.add_argument("--sync-log", choices=["all", "failures"], default="all",
                        help="the workspace's settings.sync_log: all (a sync_changes row per record, the default) "
                             "or failures")
    parser.add_argument("--rss-check", action=argparse.BooleanOptionalAction, default=True,
                        help="also run the full sync at --rss-rows rows (three times, for the median), to see whether "
                             "peak RSS stays flat")
    parser.add_argument("--rss-rows", type=int, default=100_000, help="the row count of the RSS check (default 100,000)")
    parser.add_argument("--linear-rows", type=int, default=1_000_000,
                        help="with --rows of at least 10 times this, also time full syncs at this many rows right "
                             "after each full sync at --rows, to check that time grows linearly (default 1,000,000)")
    parser.add_argument("--python", action=argparse.BooleanOptionalAction, default=True,
                        help="run the Python library contender on the SQLite rows (default on)")
    parser.add_argument("--python-upload-size", type=int, default=100,
                        help="the Python library's upload_size, messages per batch (its default: 100)")
    parser.add_argument("--skip-build", action="store_true", help="use the release binary as it is")
    parser.add_argument("--workdir", type=Path, help="where to create the warehouses (default: a new temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the working folder afterwards")
    parser.add_argument("--output", type=Path, default=BENCHMARKS / "results" / "latest.json",
                        help="where to write the results as JSON")
    arguments = parser.parse_args()
    arguments.engines = [name.strip() for name in arguments.engines.split(",") if name.strip()]
    arguments.shapes = [name.strip() for name in arguments.shapes.split(",") if name.strip()]
    if arguments.rows < CHANGE_EVERY or arguments.runs < 1:
        parser.error(f"--rows must be at least {CHANGE_EVERY} and --runs at least 1")
    if not arguments.engines or set(arguments.engines) - {"sqlite", "postgres"}:
        parser.error("--engines takes sqlite, postgres or both")
    if not arguments.shapes or set(arguments.shapes) - set(SHAPES):
        parser.error(f"--shapes takes {', '.join(SHAPES)}")
    return arguments


def full_sync_once(backflow: Path, engine, shape: str, sync_log: str, folder: Path, logs: Path) -> Measurement:
    """One full sync on a fresh state into a fresh sink: the RSS and linearity checks."""
    sink = Sink(backflow, logs / f"{engine.name}-{engine.rows}-sink.stderr")
    try:
        workspace_file = write_workspace_file(folder, engine, shape, sink.port, sync_log)
        engine.reset_state(folder)
        measurement = sync(backflow, workspace_file, engine, sink, "full sync", engine.rows, logs)
        log(f"  {engine.name} at {engine.rows:,} rows: {describe(measurement)}")
        return measurement
    finally:
        sink.stop()


def reference_syncs(check: str, backflow: Path, engine, shape: str, sync_log: str, workdir: Path,
                    logs: Path) -> list[Measurement]:
    """The full syncs at the smaller row count of the RSS or linearity `check`, for their median.
    The linearity check runs them right after each full sync at the larger count, so that both are
    timed in the same minute: within one hour, the benchmark's 2-CPU machine took between 18.9 and
    24.6 s for the same 10M-row sync."""
    log(f"{check} check: {engine.name} full sync at {engine.rows:,} rows, {REFERENCE_RUNS} times")
    return [full_sync_once(backflow, engine, shape, sync_log, workdir / f"{engine.name}-{engine.rows}", logs)
            for _ in range(REFERENCE_RUNS)]


def open_engines(names: list[str], folder: Path, rows: int) -> list:
    sqlite = SQLiteEngine(folder / "sqlite", rows)
    engines = [sqlite] if "sqlite" in names else []
    if "postgres" in names:
        engines.append(PostgresEngine(folder, rows, sqlite))
    return engines


def main() -> int:
    arguments = parse_arguments()
    for tool in ["sqlite3", "swift"] + (["psql"] if "postgres" in arguments.engines else []):
        if not shutil.which(tool):
            raise BenchmarkError(f"{tool} is not on PATH (scripts/bootstrap --for-tests installs it)")
    backflow = build_backflow() if not arguments.skip_build else REPOSITORY / ".build" / "release" / "backflow"
    python = python_with_segment() if arguments.python and "sqlite" in arguments.engines else None
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="backflow-bench-"))
    if not arguments.workdir:
        # mkdtemp makes the folder private; PostgreSQL's server, run as its own user, must reach its data inside.
        workdir.chmod(0o755)
    document = {"rows": arguments.rows, "runs": arguments.runs, "sync_log": arguments.sync_log,
                "machine": machine_description(), "results": []}
    if python:
        document["machine"]["segment_analytics_python"] = package_version(python)
        document["machine"]["python_upload_size"] = arguments.python_upload_size
    log(f"working folder: {workdir}")
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    targets = []
    opened, references = [], []
    try:
        opened = open_engines(arguments.engines, workdir / f"rows-{arguments.rows}", arguments.rows)
        engines = [engine for engine in opened if engine.name in arguments.engines]
        sqlite = next((engine for engine in opened if engine.name == "sqlite"), None)
        if arguments.rows >= 10 * arguments.linear_rows:
            # A folder of their own: they stay open through the RSS check, which may use as many rows.
            references = open_engines(arguments.engines, workdir / f"linear-rows-{arguments.linear_rows}",
                                      arguments.linear_rows)
        linear_pairs = {engine.name: [] for engine in engines}
        checks = {}
        for shape in arguments.shapes:
            for engine in engines:
                measurements, sizes = [], []
                for number in range(1, arguments.runs + 1):
                    log(f"{engine.name}, {shape}: run {number} of {arguments.runs}")
                    run, size = one_run(number, backflow, engine, shape, arguments.sync_log,
                                        workdir / f"{engine.name}-{shape}",
                                        python if engine.name == "sqlite" and shape == "keyed" else None, sqlite,
                                        arguments.python_upload_size, logs)
                    measurements.extend(run)
                    sizes.append(size)
                    reference = next((e for e in references if e.name == engine.name), None)
                    if reference and shape == arguments.shapes[0]:
                        large = next(m.seconds for m in run if m.contender == "full sync")
                        small = reference_syncs("linear", backflow, reference, shape, arguments.sync_log, workdir, logs)
                        linear_pairs[engine.name].append((large, [m.seconds for m in small]))
                names = ["full sync", "incremental sync", engine.floor_name, "Python library"]
                medians = {name: median_of(measurements, name) for name in names}
                medians = {name: value for name, value in medians.items() if value}
                print_medians(f"{engine.name}, {shape}: medians of {arguments.runs} run(s), {arguments.rows:,} rows",
                              medians)
                found = engine_targets(engine.name, engine.floor_name, measurements)
                if "Python library" in medians:
                    ratio = medians["full sync"]["rows_per_second"] / medians["Python library"]["rows_per_second"]
                    found.append(target("sqlite: Backflow rows/s / Python library rows/s >= 20", ratio, ratio >= 20))
                for item in found:
                    item["shape"] = shape
                targets.extend(found)
                checks[(engine.name, shape)] = medians["full sync"]
                document["results"].append({
                    "engine": engine.name, "shape": shape, "medians": medians, "sizes": sizes,
                    "samples": [asdict(m) | {"rows_per_second": m.rows_per_second} for m in measurements]})
                size = sizes[-1]
                print(f"state after the full sync: {size['state_mb']:.1f} MB"
                      + (f"; server temporary files during it: {size['server_temporary_mb_full_sync']:.1f} MB"
                         if "server_temporary_mb_full_sync" in size else ""))
        for engine in list(opened):
            if engine.name not in arguments.engines:
                continue
            shape = arguments.shapes[0]
            large = checks[(engine.name, shape)]
            if arguments.rss_check and arguments.rss_rows < arguments.rows:
                rows = arguments.rss_rows
                small_engines = open_engines([engine.name], workdir / f"rows-{rows}", rows)
                try:
                    small = next(e for e in small_engines if e.name == engine.name)
                    peaks = [m.peak_rss_mb for m in
                             reference_syncs("rss", backflow, small, shape, arguments.sync_log, workdir, logs)]
                finally:
                    for small_engine in small_engines:
                        small_engine.close()
                small_peak = statistics.median(peaks)
                growth = large["peak_rss_mb"] / small_peak
                targets.append(target(
                    f"{engine.name}: peak RSS at {arguments.rows:,} / at {rows:,} rows <= 1.25", growth,
                    growth <= 1.25, small_peak_rss_mb=small_peak, small_peaks=peaks,
                    large_peak_rss_mb=large["peak_rss_mb"]))
            if pairs := linear_pairs[engine.name]:
                bound = 1.1 * arguments.rows / arguments.linear_rows
                growth = statistics.median(seconds / statistics.median(small) for seconds, small in pairs)
                targets.append(target(
                    f"{engine.name}: full sync time at {arguments.rows:,} / at {arguments.linear_rows:,} rows "
                    f"<= {bound:g}", growth, growth <= bound,
                    pairs=[{"large_seconds": seconds, "small_runs": small} for seconds, small in pairs]))
        print()
        print("Targets (issue 15)")
        for item in targets:
            print(f"  {'ok' if item['met'] else 'MISSED':<7}{item['target']}: {item['value']:.2f}")
        document["targets"] = targets
        document["machine"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
        arguments.output.parent.mkdir(parents=True, exist_ok=True)
        arguments.output.write_text(json.dumps(document, indent=2) + "\n")
        print(f"\nmachine: {document['machine']['cpus']} CPUs, load average "
              f"{document['machine']['load_average_at_start']} at start, {document['machine']['load_average_at_end']} "
              f"at end")
        print(f"results: {arguments.output}")
    finally:
        for engine in opened + references:
            engine.close()
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
