"""A bounded load run against a casereviews server: many clients, a mix of resource lookups in every
format and SPARQL queries, plus one runaway query. Loopback only, a fixed number of requests and a
time limit; it stops by itself. Used by the test suite (small) and the benchmarks (longer).

    python bench/load.py http://127.0.0.1:8080 --clients 32 --requests 2000
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LIGHT_QUERIES = [
    "ASK { ?s ?p ?o }",
    "SELECT ?n ?label WHERE { ?n a <http://schema.org/AdministrativeArea> ; "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label",
    "SELECT (COUNT(*) AS ?works) WHERE { ?w a <http://schema.org/CreativeWork> }",
]
DOCUMENTS = [
    "/doc/jurisdiction/wales",
    "/doc/resource/what-do-serious-case-reviews-achieve-2012",
    "/doc/list/nspcc-case-review-reading-list-2013",
    "/doc/person/sidebotham-p",
    "/",
    "/compare",
]
ACCEPTS = [
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "text/html",
    "application/x-bibtex",
]


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    runaway: tuple[int, float] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def light_requests(base: str, count: int):
    """A fixed, repeatable mix: documents in every format and light SPARQL queries."""
    mix = itertools.cycle(
        [
            ("GET", base + doc, {"Accept": accept}, None)
            for doc in DOCUMENTS
            for accept in ACCEPTS
            if doc.startswith("/doc/") or accept != "application/x-bibtex"
        ]
        + [
            ("GET", base + "/sparql", {"Accept": "application/sparql-results+json"}, {"query": q})
            for q in LIGHT_QUERIES
        ]
    )
    return list(itertools.islice(mix, count))


def run(base: str, clients: int, count: int, time_limit_s: float, runaway: bool = True) -> dict:
    assert urlsplit(base).hostname in ("127.0.0.1", "localhost", "::1"), "load runs against loopback only"
    outcome = Outcome()
    deadline = time.monotonic() + time_limit_s

    def one(request) -> None:
        if time.monotonic() > deadline:
            with outcome.lock:
                outcome.errors.append("not sent: time limit reached")
            return
        method, url, headers, params = request
        started = time.perf_counter()
        try:
            response = requests.request(method, url, headers=headers, params=params, timeout=30)
            status = response.status_code
        except requests.RequestException as error:
            status, response = None, error
        elapsed = time.perf_counter() - started
        with outcome.lock:
            if status == 200:
                outcome.latencies.append(elapsed)
            else:
                outcome.errors.append(f"{status} {url}")

    def run_away() -> None:
        started = time.perf_counter()
        response = requests.get(base + "/sparql", params={"query": RUNAWAY}, timeout=60)
        outcome.runaway = (response.status_code, time.perf_counter() - started)

    started = time.perf_counter()
    runaway_thread = threading.Thread(target=run_away) if runaway else None
    if runaway_thread:
        runaway_thread.start()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(one, light_requests(base, count)))
    if runaway_thread:
        runaway_thread.join()
    wall = time.perf_counter() - started
    latencies = sorted(outcome.latencies)
    quantile = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else None  # noqa: E731
    return {
        "clients": clients,
        "requests": count,
        "ok": len(latencies),
        "errors": outcome.errors,
        "wall_s": round(wall, 3),
        "requests_per_s": round(len(latencies) / wall, 1) if wall else None,
        "p50_ms": round(statistics.median(latencies) * 1000, 2) if latencies else None,
        "p99_ms": round(quantile(0.99) * 1000, 2) if latencies else None,
        "runaway": {"status": outcome.runaway[0], "seconds": round(outcome.runaway[1], 2)} if outcome.runaway else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the server, e.g. http://127.0.0.1:8080")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--time-limit-s", type=float, default=120)
    args = parser.parse_args()
    print(json.dumps(run(args.base.rstrip("/"), args.clients, args.requests, args.time_limit_s), indent=2))


if __name__ == "__main__":
    main()
