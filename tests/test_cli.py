"""The command line, run as users run it: in a subprocess."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from newsgraph.about import __version__

CLI = [sys.executable, "-m", "newsgraph.cli"]
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: str | None = None, env: dict | None = None, check: bool = True):
    return subprocess.run(
        [*CLI, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=check,
        env={**os.environ, **(env or {})},
    )


def test_analyze_stdin_jsonl_and_output_file(tmp_path):
    line = json.dumps(
        {"id": "s1", "text": "Angela Merkel visited Washington.", "published": "2015-03-01"}
    )
    out = run("analyze", "-", stdin=line + "\n")
    record = json.loads(out.stdout)
    assert record["id"] == "s1" and record["published_source"] == "given"
    target = tmp_path / "out.jsonl"
    run("analyze", "-", "-o", str(target), stdin=line + "\n")
    assert json.loads(target.read_text())["id"] == "s1"


def test_analyze_reports_failures_and_continues(tmp_path):
    (tmp_path / "good.txt").write_text("Headline words\n\nThe mayor of Lyon resigned on Friday.")
    (tmp_path / "bad.html").write_bytes(b"\x00\x00binary")
    out = run(
        "analyze",
        str(tmp_path / "bad.html"),
        str(tmp_path / "good.txt"),
        "--published",
        "2024-02-03",
    )
    records = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(records) == 1 and records[0]["published"] == "2024-02-03"
    assert "binary" in out.stderr and "1 analysed, 1 failed" in out.stderr
    only_bad = run("analyze", str(tmp_path / "bad.html"), check=False)
    assert only_bad.returncode == 1


def test_bad_flags_are_clear_errors(tmp_path):
    result = run("analyze", "-", "--published", "someday", stdin="x", check=False)
    assert result.returncode == 2 and "Invalid date 'someday'" in result.stderr
    result = run("analyze", "-", "--model", "not_a_model", stdin="Text here.", check=False)
    assert result.returncode == 2 and "not installed" in result.stderr
    result = run("serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.duckdb"), check=False)
    assert result.returncode == 2 and "--allow-remote" in result.stderr


def test_ingest_summary_and_rerun(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.txt").write_text(f"Headline {i}\n\nCity {i} council met on day {i}.")
    db = str(tmp_path / "s.duckdb")
    first = json.loads(run("ingest", str(corpus), "--db", db, "--json").stdout)
    assert first == {"ingested": 3, "duplicates": 0, "failed": 0, "interrupted": False, "db": db}
    second = run("ingest", str(corpus), "--db", db).stdout
    assert "0 ingested, 3 duplicates, 0 failed" in second


def test_ingest_into_a_store_another_process_holds_says_so(tmp_path):
    from newsgraph.store import Store

    (tmp_path / "a.txt").write_text("Headline\n\nThe council of Ghent met on Monday.")
    db = tmp_path / "held.duckdb"
    with Store(db):  # this process holds the write lock, as a write-enabled server would
        result = run("ingest", str(tmp_path / "a.txt"), "--db", str(db), check=False)
    assert result.returncode == 2
    assert result.stderr.startswith("newsgraph: error: The store")
    assert f"locked by another process (PID {os.getpid()})" in result.stderr
    assert "Traceback" not in result.stderr and "IO Error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_ctrl_c_mid_ingest_keeps_committed_work_and_rerun_completes(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"{i:03d}.txt").write_text(
            f"Headline {i}\n\n" + f"Delegates from country {i} met in city {i}. " * 40
        )
    db = str(tmp_path / "s.duckdb")
    process = subprocess.Popen(
        [*CLI, "ingest", str(corpus), "--db", db, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NEWSGRAPH_BATCH_SIZE": "1"},
    )
    assert process.stderr is not None
    progress = process.stderr.readline()  # first committed batch
    assert re.match(r"^\.\.\. [1-9]\d* ingested", progress), progress
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    interrupted = json.loads(stdout)
    assert interrupted["interrupted"] is True and 1 <= interrupted["ingested"] < 60
    resumed = json.loads(run("ingest", str(corpus), "--db", db, "--json").stdout)
    assert resumed["duplicates"] == interrupted["ingested"]
    assert resumed["ingested"] + resumed["duplicates"] == 60


def test_demo_no_serve_ingests_the_bundled_corpus(tmp_path):
    db = tmp_path / "demo.duckdb"
    out = run("demo", "--no-serve", "--db", str(db)).stdout
    assert "ingested" in out and "0 failed" in out
    again = run("demo", "--no-serve", "--db", str(db)).stdout
    assert "done: 0 ingested" in again


def test_eval_extraction_floor_flag(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "ground-truth.json").write_text("{}")
    result = run("eval", "extraction", str(tmp_path), "--min-f1", "0.5", check=False)
    assert result.returncode == 1 and "below the floor" in result.stderr
    missing = run("eval", "extraction", str(tmp_path / "nope"), check=False)
    assert missing.returncode == 2 and "ground-truth" in missing.stderr


def test_eval_quotes_agreement_runs_no_pipeline(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text("Ana said the bridge is shut.\n")
    ann = "T1\tCue 4 8\tsaid\nT2\tContent 9 27\tthe bridge is shut\nE1\tA:T1 Cue:T1 Content:T2\n"
    for annotator in ("ab12", "cd34"):
        (tmp_path / "attributions" / f"doc1_{annotator}.ann").write_text(ann)
    # a model that cannot load shows that no pipeline is built
    env = {"NEWSGRAPH_MODEL": "no_such_model"}
    result = json.loads(run("eval", "quotes", str(tmp_path), "--agreement", env=env).stdout)
    assert result["task"] == "quotes-agreement" and result["cue_f1"] == 1.0


# The commands `newsgraph --help` lists, and those of its command groups.
SUBCOMMANDS = {
    (): [
        "analyze",
        "ingest",
        "watch",
        "serve",
        "demo",
        "bench",
        "export",
        "cluster",
        "version",
        "eval",
        "spark",
        "train",
    ],
    ("eval",): [
        "extraction",
        "case",
        "events",
        "geo",
        "news",
        "time",
        "stories",
        "news-standoff",
        "quotes",
    ],
    ("spark",): ["analyze"],
    ("train",): ["cues", "events"],
}


def listed_commands(help_text: str) -> list[str]:
    """The command names of a help screen's "Commands" panel."""
    assert "Commands" in help_text, help_text
    panel = help_text.split("Commands", 1)[1]
    return re.findall(r"^\W*([a-z][a-z-]*)  ", panel, re.M)


def test_version():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert __version__ == project["version"]  # the installed metadata, not the fallback
    out = run("version")
    assert out.stdout == __version__ + "\n"
    assert out.stderr == ""


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "newsgraph"
    assert script.exists()
    helps = {}
    for group, commands in SUBCOMMANDS.items():
        result = subprocess.run(
            [str(script), *group, "--help"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "COLUMNS": "100"},
        )
        helps[group] = result.stdout
        assert result.stdout.lstrip().startswith("Usage: newsgraph"), result.stdout
        assert sorted(listed_commands(result.stdout)) == sorted(commands), (group, result.stdout)
    assert "Turn news reports into sourced event data." in helps[()]
    version = subprocess.run([str(script), "version"], capture_output=True, text=True, check=True)
    assert version.stdout == __version__ + "\n"


def test_bench_reports_side_by_side_figures():
    from newsgraph.config import Config

    result = json.loads(run("bench", "--docs", "4", "--workers", "1").stdout)
    expected = {
        "docs",
        "words",
        "model",
        "pipeline",
        "indexed_rules",
        "bare_spacy_wps",
        "analyze_wps",
        "analyze_vs_bare",
        "analyze_vs_bare_slices",
        "analyze_vs_bare_median_slice",
        "peak_rss_mb",
        "peak_worker_rss_mb",
    }
    assert set(result) == expected  # --workers 1: no parallel figures
    assert result["docs"] == 4
    assert 100 <= result["words"] <= 10_000  # four articles of the demo corpus
    assert result["model"] == Config().model
    assert result["indexed_rules"] is Config().indexed_rules
    assert result["pipeline"][-1] == "newsgraph_event_coref_v1"
    assert {"ner", "newsgraph_events_v1", "newsgraph_actors_v1"} <= set(result["pipeline"])
    for key in ("bare_spacy_wps", "analyze_wps"):
        assert isinstance(result[key], int) and 10 <= result[key] <= 10_000_000, (key, result)
    # Ratios: full analyze does what bare spaCy does and more, so it is not much faster.
    for key in ("analyze_vs_bare", "analyze_vs_bare_median_slice"):
        assert 0 < result[key] <= 2, (key, result)
    # the ratio of the totals is the ratio of the two speeds (up to their rounding)
    speeds = result["analyze_wps"] / result["bare_spacy_wps"]
    assert abs(result["analyze_vs_bare"] - speeds) <= 0.01 * speeds + 0.001, result
    assert result["analyze_vs_bare_slices"] == 1  # 4 documents: one slice of one batch
    # one slice: its ratio is the median
    assert result["analyze_vs_bare_median_slice"] == result["analyze_vs_bare"]
    assert 50 <= result["peak_rss_mb"] <= 16_000, result  # a spaCy model is loaded
    assert result["peak_worker_rss_mb"] >= 0


def test_every_command_that_analyses_takes_model_and_config():
    import typer.main

    from newsgraph.cli import app

    root = typer.main.get_command(app)
    without = {"export", "version"}  # they run no pipeline

    def commands(group, prefix=""):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from commands(command, f"{prefix}{name} ")
            else:
                yield f"{prefix}{name}", command

    listed = dict(commands(root))
    assert {"analyze", "ingest", "eval quotes", "train cues", "spark analyze"} <= set(listed)
    for name, command in listed.items():
        if name in without:
            continue
        flags = {flag for param in command.params for flag in getattr(param, "opts", [])}
        assert {"--model", "--config"} <= flags, name
