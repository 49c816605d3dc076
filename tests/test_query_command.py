"""``casereviews query`` against the embedded store and a real endpoint, with trustworthy exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import rdflib

from .conftest import PROJECT_ROOT, run_cli
from .server_process import free_port, running_server

MULTI_NATION = "@queries/resources-covering-more-than-one-nation.rq"


def test_embedded_store_answers_as_a_readable_table():
    result = run_cli("query", MULTI_NATION)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["resource", "title", "nations", "covers"]
    assert lines[2].startswith("list:nspcc-case-review-reading-list-2013")
    assert lines[-1] == "(2 rows)"


def test_csv_tsv_and_json_outputs():
    rows = list(csv.DictReader(io.StringIO(run_cli("query", MULTI_NATION, "--format", "csv").stdout)))
    assert [r["nations"] for r in rows] == ["4", "2"]
    tsv = run_cli("query", MULTI_NATION, "--format", "tsv").stdout
    assert tsv.splitlines()[0] == "?resource\t?title\t?nations\t?covers"
    data = json.loads(run_cli("query", MULTI_NATION, "--format", "json").stdout)
    assert len(data["results"]["bindings"]) == 2


def test_construct_as_turtle():
    result = run_cli(
        "query",
        "CONSTRUCT WHERE { <id/jurisdiction/wales> ?p ?o }",
        "--format",
        "turtle",
        "--base-uri",
        "https://data.example.org/",
    )
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert (
        rdflib.URIRef("https://data.example.org/id/jurisdiction/wales"),
        rdflib.SKOS.notation,
        rdflib.Literal("W92000004"),
    ) in graph


def test_query_error_exits_1_with_the_message():
    result = run_cli("query", "SELECT ?x WHERE { ?x")
    assert result.returncode == 1 and "the query failed: error at" in result.stderr
    assert "Traceback" not in result.stderr


def test_mismatched_format_exits_1():
    result = run_cli("query", "ASK {}", "--format", "turtle")
    assert result.returncode == 1 and "CONSTRUCT" in result.stderr


def test_unreachable_endpoint_exits_2():
    result = run_cli("query", "ASK {}", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql")
    assert result.returncode == 2 and "cannot reach" in result.stderr


def test_missing_query_file_exits_2():
    result = run_cli("query", "@no-such-file.rq")
    assert result.returncode == 2 and "no-such-file.rq" in result.stderr


def test_remote_endpoint_gives_the_same_answer_as_the_embedded_store():
    with running_server() as url:
        remote = run_cli(
            "query", MULTI_NATION, "--endpoint", url + "/sparql", "--format", "csv", "--base-uri", url + "/"
        )
        local = run_cli("query", MULTI_NATION, "--format", "csv", "--base-uri", url + "/")
        assert remote.returncode == 0, remote.stderr

        # GROUP_CONCAT's order is unspecified (SPARQL 1.1, section 18.5.1.7): compare the nations as sets.
        def rows(text):
            return sorted(
                (r["resource"], r["nations"], frozenset(r["covers"].split(", ")))
                for r in csv.DictReader(io.StringIO(text))
            )

        assert rows(remote.stdout) == rows(local.stdout)
        bad = run_cli("query", "SELECT ?x WHERE {", "--endpoint", url + "/sparql")
        assert bad.returncode == 1 and "400" in bad.stderr or "QueryBadFormed" in bad.stderr or "error at" in bad.stderr


def test_the_embedded_store_leaves_no_files_behind(tmp_path):
    for args in (("query", MULTI_NATION), ("export", "--format", "nt")):
        result = subprocess.run(
            [sys.executable, "-m", "server.cli", *args],
            capture_output=True,
            cwd=PROJECT_ROOT,
            env={**os.environ, "TMPDIR": str(tmp_path)},
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert list(tmp_path.iterdir()) == [], args
