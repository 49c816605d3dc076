"""A bounded load test: 32 concurrent clients, every format, SPARQL, and one runaway query. Zero errors
other than the runaway's own limit; the p99 of the light requests is reported, never asserted."""

from __future__ import annotations

from bench.load import run

from .server_process import running_server


def test_thirty_two_clients_with_a_runaway_query_get_no_errors(capsys):
    with running_server("--timeout-s", "3", "--no-access-log", "--threads", "16") as url:
        result = run(url, clients=32, count=640, time_limit_s=120)
    assert result["errors"] == []
    assert result["ok"] == 640
    assert result["runaway"]["status"] == 503 and result["runaway"]["seconds"] < 3 + 10
    with capsys.disabled():
        print(
            f"\n[load] {result['ok']} light requests from 32 clients in {result['wall_s']} s: "
            f"{result['requests_per_s']}/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms; "
            f"runaway stopped after {result['runaway']['seconds']} s"
        )
