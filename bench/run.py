"""The benchmark suite: one command, bounded in time, loopback only.

    python bench/run.py                          # 1k, 10k and 100k documents
    python bench/run.py --sizes 200 --seconds 1  # a quick check (the test suite runs this)

Writes bench/results/YYYY-MM-DD.json and .md (a summary) and YYYY-MM-DD-sparql.svg (latency against
catalogue size). See BENCHMARKS.md for the method.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psutil
import requests

BENCH = Path(__file__).resolve().parent
PROJECT_ROOT = BENCH.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
BASE = "http://casereviews.bench/"
QUERIES = {path.stem: path.read_text(encoding="utf-8") for path in sorted((BENCH / "queries").glob("*.rq"))}
DOCUMENT = "/doc/resource/doc0000042"
AGGREGATES = ("documents-per-nation", "multi-nation-documents", "counts-by-nation-and-topic")
EMBEDDED, REMOTE, ENGINE = "casereviews (embedded)", "casereviews (remote store)", "Oxigraph server (direct)"
ON_DISK = "casereviews (embedded, --worker-store disk)"
RDFLIB_SYSTEMS = ("Flask + rdflib (naive)", "rdflib-endpoint")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout_s: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode}")
        try:
            requests.get(url, timeout=2)
            return time.perf_counter() - started
        except requests.RequestException:
            time.sleep(0.05)
    raise RuntimeError(f"{url} not up within {timeout_s} s")


@contextmanager
def process(args: list[str], ready_url: str, timeout_s: float = 3600):
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=PROJECT_ROOT, stdout=log, stderr=log)
    try:
        wait_until_up(ready_url, proc, timeout_s)
        yield proc, time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def rss_mib(pid: int) -> dict:
    """Memory of a server and its child processes. Resident sizes double-count the pages a forked
    child shares with its parent, so the total is the sum of proportional set sizes (PSS: a shared
    page counted once, split between the processes sharing it)."""
    parent = psutil.Process(pid)
    family = [parent, *parent.children(recursive=True)]
    rss = sum(p.memory_info().rss for p in family)
    pss = sum(p.memory_full_info().pss for p in family)
    return {
        "process_mib": round(parent.memory_info().rss / 2**20, 1),
        "processes": len(family),
        "rss_sum_mib": round(rss / 2**20, 1),
        "with_children_mib": round(pss / 2**20, 1),
    }


_connections: dict[str, http.client.HTTPConnection] = {}


def ask(endpoint: str, query: str) -> tuple[float, str, bytes]:
    """One query by POST (form-encoded, as YASGUI and SPARQLWrapper send long queries), over one
    kept-alive connection per system, with a client light enough not to hide a fast answer."""
    construct = "CONSTRUCT" in query.upper().split("WHERE")[0]
    accept = "application/n-triples" if construct else "application/sparql-results+json"
    url = urllib.parse.urlsplit(endpoint)
    connection = _connections.get(endpoint)
    if connection is None:
        connection = _connections[endpoint] = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    body = urllib.parse.urlencode({"query": f"BASE <{BASE}>\n{query}"})
    headers = {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"}
    started = time.perf_counter()
    connection.request("POST", url.path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    elapsed = time.perf_counter() - started
    if response.status != 200:
        raise RuntimeError(f"{endpoint} answered {response.status}: {content[:300]!r}")
    return elapsed, "graph" if construct else "rows", content


def normalise(kind: str, body: bytes):
    """An answer as a multiset, so that systems can be compared whatever their row order."""
    if kind == "graph":
        # Blank-node labels are each store's own; the triples around them are what must agree.
        lines = (re.sub(r"_:\S+", "_:b", line.strip()) for line in body.decode().splitlines())
        return collections.Counter(line for line in lines if line)
    data = json.loads(body)
    rows = data["results"]["bindings"]
    return collections.Counter(
        tuple(
            sorted(
                (name, term["value"], term.get("datatype", ""), term.get("xml:lang", "")) for name, term in row.items()
            )
        )
        for row in rows
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_queries(endpoint: str, repeat: int, time_limit_s: float) -> dict:
    """First runs (a comment changes each time, so no cache answers) and repeated identical runs."""
    results = {}
    for name, query in QUERIES.items():
        first, answer, kind = [], None, None
        deadline = time.monotonic() + time_limit_s
        for run in range(repeat):
            elapsed, kind, body = ask(endpoint, f"{query}\n# run {run} {time.time_ns()}")
            first.append(elapsed)
            answer = answer or normalise(kind, body)
            if time.monotonic() > deadline:
                break
        repeated = []
        for _ in range(repeat):
            elapsed, _, _ = ask(endpoint, query)
            repeated.append(elapsed)
            if time.monotonic() > deadline:
                break
        results[name] = {
            "first_median_s": round(statistics.median(first), 5),
            "first_p95_s": round(percentile(first, 0.95), 5),
            "repeated_median_s": round(statistics.median(repeated), 5),
            "runs": len(first),
            "answer": answer,
            "rows": sum(answer.values()) if answer else 0,
        }
    return results


def wrk(url: str, seconds: float, headers: dict | None = None, connections: int = 8) -> dict | None:
    """Requests/s and latency percentiles from wrk (Debian's package), or from a Python client."""
    if shutil.which("wrk"):
        args = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
        for name, value in (headers or {}).items():
            args += ["-H", f"{name}: {value}"]
        out = subprocess.run([*args, url], capture_output=True, text=True, timeout=seconds + 60).stdout
        rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
        lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        return {
            "tool": "wrk",
            "requests_per_s": float(rate.group(1)) if rate else None,
            "p50": lat.get("50"),
            "p99": lat.get("99"),
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        }
    from concurrent.futures import ThreadPoolExecutor

    latencies, deadline = [], time.monotonic() + seconds

    def client() -> None:
        session = requests.Session()
        while time.monotonic() < deadline:
            started = time.perf_counter()
            session.get(url, headers=headers, timeout=30)
            latencies.append(time.perf_counter() - started)

    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(lambda _: client(), range(connections)))
    return {
        "tool": "python",
        "requests_per_s": round(len(latencies) / seconds, 1),
        "p50": f"{percentile(latencies, 0.5) * 1000:.2f}ms",
        "p99": f"{percentile(latencies, 0.99) * 1000:.2f}ms",
    }


def casereviews_serve(data: Path, port: int, *extra: str) -> list[str]:
    return [
        str(BIN / "casereviews"),
        "serve",
        "--port",
        str(port),
        "--base-uri",
        BASE,
        "--no-access-log",
        "--max-rows",
        "100000000",
        "--timeout-s",
        "600",
        "--max-request-bytes",
        "1000000",
        *extra,
        *(["--data", str(data)] if data else []),
    ]


def run_size(size: int, args, stack: ExitStack) -> dict:
    data = BENCH / "work" / f"catalogue-{size}.ttl"
    if not data.exists():
        subprocess.run([PYTHON, str(BENCH / "generate.py"), str(size), str(data)], check=True)
    result: dict = {"documents": size, "triples": None, "systems": {}}
    started = time.perf_counter()
    validate = subprocess.run(
        [str(BIN / "casereviews"), "validate", str(data)], capture_output=True, text=True, timeout=args.validate_limit_s
    )
    result["validate_s"] = round(time.perf_counter() - started, 2)
    result["validate_conforms"] = validate.returncode == 0
    result["triples"] = int(re.search(r"in (\d+) triples", validate.stdout).group(1))

    systems: dict[str, dict] = {}
    with ExitStack() as running:
        port = free_port()
        proc, ready = running.enter_context(process(casereviews_serve(data, port), f"http://127.0.0.1:{port}/health"))
        systems[EMBEDDED] = {
            "endpoint": f"http://127.0.0.1:{port}/sparql",
            "ready_s": round(ready, 2),
            "memory": rss_mib(proc.pid),
            "url": f"http://127.0.0.1:{port}",
        }
        if size <= args.disk_workers_up_to:
            disk_port = free_port()
            proc, ready = running.enter_context(
                process(
                    casereviews_serve(data, disk_port, "--worker-store", "disk"),
                    f"http://127.0.0.1:{disk_port}/health",
                )
            )
            systems[ON_DISK] = {
                "endpoint": f"http://127.0.0.1:{disk_port}/sparql",
                "ready_s": round(ready, 2),
                "memory": rss_mib(proc.pid),
            }
        ox_port, location = free_port(), tempfile.mkdtemp(prefix="bench-oxigraph-")
        running.callback(shutil.rmtree, location, True)
        ox, ox_ready = running.enter_context(
            process(
                [
                    str(BIN / "oxigraph"),
                    "serve",
                    "--location",
                    location,
                    "--bind",
                    f"127.0.0.1:{ox_port}",
                    # No --timeout-s: in Oxigraph 0.5.13 it starts a thread per query, and under 8
                    # concurrent connections the server ran out of memory for thread stacks and exited.
                    "--union-default-graph",
                ],
                f"http://127.0.0.1:{ox_port}/query?query=ASK%7B%7D",
            )
        )
        load_started = time.perf_counter()
        if size <= args.remote_up_to:
            subprocess.run(
                [
                    str(BIN / "casereviews"),
                    "load",
                    "--store",
                    f"http://127.0.0.1:{ox_port}/query",
                    "--graph-store",
                    f"http://127.0.0.1:{ox_port}/store",
                    "--base-uri",
                    BASE,
                    "--data",
                    str(data),
                ],
                check=True,
                capture_output=True,
                timeout=3600,
            )
        else:
            # Only the engine is measured at this size: load without validating again.
            ntriples = subprocess.run(
                [str(BIN / "casereviews"), "export", "--format", "nt", "--base-uri", BASE, "--data", str(data)],
                check=True,
                capture_output=True,
                timeout=3600,
            ).stdout
            requests.put(
                f"http://127.0.0.1:{ox_port}/store",
                params={"graph": BASE + "dataset"},
                data=ntriples,
                headers={"Content-Type": "application/n-triples"},
                timeout=3600,
            ).raise_for_status()
        load_s = time.perf_counter() - load_started
        systems[ENGINE] = {
            "endpoint": f"http://127.0.0.1:{ox_port}/query",
            "ready_s": round(ox_ready, 2),
            "load_s": round(load_s, 2),
            "memory": rss_mib(ox.pid),
        }
        remote_port = free_port() if size <= args.remote_up_to else None
        if remote_port is not None:
            remote, remote_ready = running.enter_context(
                process(
                    casereviews_serve(None, remote_port, "--store", f"http://127.0.0.1:{ox_port}/query"),
                    f"http://127.0.0.1:{remote_port}/health",
                )
            )
            systems[REMOTE] = {
                "endpoint": f"http://127.0.0.1:{remote_port}/sparql",
                "ready_s": round(remote_ready, 2),
                "memory": rss_mib(remote.pid),
            }
        if size <= args.rdflib_up_to:
            naive_port = free_port()
            naive, naive_ready = running.enter_context(
                process(
                    [PYTHON, str(BENCH / "naive_endpoint.py"), str(data), BASE, str(naive_port)],
                    f"http://127.0.0.1:{naive_port}/sparql",
                )
            )
            systems["Flask + rdflib (naive)"] = {
                "endpoint": f"http://127.0.0.1:{naive_port}/sparql",
                "ready_s": round(naive_ready, 2),
                "memory": rss_mib(naive.pid),
            }
            ep_port = free_port()
            ep, ep_ready = running.enter_context(
                process(
                    [PYTHON, str(BENCH / "rdflib_endpoint_server.py"), str(data), BASE, str(ep_port)],
                    f"http://127.0.0.1:{ep_port}/sparql?query=ASK%7B%7D",
                )
            )
            systems["rdflib-endpoint"] = {
                "endpoint": f"http://127.0.0.1:{ep_port}/sparql",
                "ready_s": round(ep_ready, 2),
                "memory": rss_mib(ep.pid),
            }

        for system in systems.values():
            system["queries"] = measure_queries(system["endpoint"], args.repeat, args.query_limit_s)
            one = QUERIES["one-document"]
            url = system["endpoint"] + "?" + requests.compat.urlencode({"query": f"BASE <{BASE}>\n{one}"})
            system["one_document_rate"] = wrk(url, args.seconds, {"Accept": "application/n-triples"})

        reference = systems[ENGINE]["queries"]
        result["answers_agree"] = {}
        for query in QUERIES:
            agree = {
                name: system["queries"][query]["answer"] == reference[query]["answer"]
                for name, system in systems.items()
            }
            result["answers_agree"][query] = agree
        for system in systems.values():
            for measured in system["queries"].values():
                measured.pop("answer")

        embedded = systems[EMBEDDED]["url"]
        constant_port = free_port()
        body_size = len(requests.get(embedded + DOCUMENT, headers={"Accept": "text/turtle"}, timeout=600).content)
        running.enter_context(
            process(
                [PYTHON, str(BENCH / "constant_app.py"), str(constant_port), str(body_size)],
                f"http://127.0.0.1:{constant_port}/",
            )
        )
        for accept in ("text/turtle", "application/ld+json", "text/html"):
            # Warm-up, not measured: the first request renders and caches, and loads the CSL styles.
            requests.get(embedded + DOCUMENT, headers={"Accept": accept}, timeout=600)
        result["dereferencing"] = {
            "constant-body ceiling": wrk(f"http://127.0.0.1:{constant_port}/", args.seconds),
            **{
                label: wrk(embedded + DOCUMENT, args.seconds, {"Accept": accept})
                for label, accept in (
                    ("Turtle", "text/turtle"),
                    ("JSON-LD", "application/ld+json"),
                    ("HTML", "text/html"),
                )
            },
        }
        for system in systems.values():
            system.pop("url", None)
    result["systems"] = systems
    result["targets"] = targets(result)
    return result


def machine() -> dict:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "processor": platform.processor() or None,
    }


def summary(results: dict) -> str:
    lines = [f"# Benchmark run {results['date']}", "", f"Machine: {results['machine']}", ""]
    for size in results["sizes"]:
        lines += [
            f"## {size['documents']} documents ({size['triples']} triples)",
            "",
            f"validate: {size['validate_s']} s; conforms: {size['validate_conforms']}",
            "",
        ]
        names = list(size["systems"])
        lines += ["| query | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        for query in QUERIES:
            cells = []
            for name in names:
                q = size["systems"][name]["queries"][query]
                agree = "" if size["answers_agree"][query][name] else " (different answer)"
                cells.append(
                    f"{q['first_median_s'] * 1000:.1f} / {q['first_p95_s'] * 1000:.1f} ms; "
                    f"repeated {q['repeated_median_s'] * 1000:.1f} ms{agree}"
                )
            lines.append(f"| {query} | " + " | ".join(cells) + " |")
        lines += [
            "",
            "| system | ready (s) | memory (MiB, with workers) | one-document CONSTRUCT req/s |",
            "|---|---|---|---|",
        ]
        for name in names:
            system = size["systems"][name]
            rate = system["one_document_rate"] or {}
            lines.append(
                f"| {name} | {system['ready_s']} | {system['memory']['with_children_mib']} | "
                f"{rate.get('requests_per_s')} |"
            )
        lines += ["", "| dereferencing | req/s | p50 | p99 |", "|---|---|---|---|"]
        for label, measured in size["dereferencing"].items():
            lines.append(f"| {label} | {measured['requests_per_s']} | {measured['p50']} | {measured['p99']} |")
        lines += ["", *targets_summary(size), ""]
    return "\n".join(lines)


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def targets(size: dict) -> dict:
    """The issue's targets as ratios from one size's measurements (same machine, same run)."""
    systems = size["systems"]
    engine = systems[ENGINE]["queries"]
    out: dict = {}
    if EMBEDDED in systems:
        embedded = systems[EMBEDDED]["queries"]
        out["first run, embedded / engine (<= 1.25)"] = {
            q: _ratio(embedded[q]["first_median_s"], engine[q]["first_median_s"]) for q in QUERIES
        }
        out["repeated, engine re-run / cached (>= 50)"] = {
            q: _ratio(engine[q]["first_median_s"], embedded[q]["repeated_median_s"]) for q in QUERIES
        }
        for name in RDFLIB_SYSTEMS:
            if name in systems:
                out[f"aggregates, {name} / embedded (>= 5)"] = {
                    q: _ratio(systems[name]["queries"][q]["first_median_s"], embedded[q]["first_median_s"])
                    for q in AGGREGATES
                }
        memory = systems[EMBEDDED]["memory"]["with_children_mib"]
        out["memory, embedded / engine (<= 2)"] = _ratio(memory, systems[ENGINE]["memory"]["with_children_mib"])
        deref = size.get("dereferencing") or {}
        ceiling = (deref.get("constant-body ceiling") or {}).get("requests_per_s")
        out["dereferencing / constant-body ceiling (>= 0.5 Turtle, JSON-LD; >= 0.3 HTML)"] = {
            label: _ratio((deref.get(label) or {}).get("requests_per_s"), ceiling)
            for label in ("Turtle", "JSON-LD", "HTML")
        }
        engine_rate = (systems[ENGINE].get("one_document_rate") or {}).get("requests_per_s")
        out["document req/s / engine's one-document CONSTRUCT req/s (>= 1)"] = {
            label: _ratio((deref.get(label) or {}).get("requests_per_s"), engine_rate)
            for label in ("Turtle", "JSON-LD", "HTML")
        }
    if ON_DISK in systems:
        on_disk = systems[ON_DISK]["queries"]
        out["first run, embedded with workers on disk / engine"] = {
            q: _ratio(on_disk[q]["first_median_s"], engine[q]["first_median_s"]) for q in QUERIES
        }
        out["memory, embedded with workers on disk / engine"] = _ratio(
            systems[ON_DISK]["memory"]["with_children_mib"], systems[ENGINE]["memory"]["with_children_mib"]
        )
    if REMOTE in systems:
        remote = systems[REMOTE]["queries"]
        out["first run, remote store / engine (<= 2)"] = {
            q: _ratio(remote[q]["first_median_s"], engine[q]["first_median_s"]) for q in QUERIES
        }
    return out


def targets_summary(size: dict) -> list[str]:
    lines = ["| target | result |", "|---|---|"]
    for name, value in targets(size).items():
        text = ", ".join(f"{k} {v}" for k, v in value.items()) if isinstance(value, dict) else str(value)
        lines.append(f"| {name} | {text} |")
    return lines


def chart(results: dict) -> str:
    """SPARQL first-run median latency (log scale) against catalogue size, one line per system and
    aggregate query, as a small self-contained SVG."""
    import math

    series: dict[str, list[tuple[int, float]]] = collections.defaultdict(list)
    for size in results["sizes"]:
        for name, system in size["systems"].items():
            total = sum(system["queries"][q]["first_median_s"] for q in AGGREGATES)
            series[name].append((size["documents"], total))
    width, height, left, bottom = 720, 420, 70, 50
    xs = sorted({d for points in series.values() for d, _ in points}) or [1]
    ys = [v for points in series.values() for _, v in points if v > 0] or [1]
    x_min, x_max = math.log10(min(xs)), math.log10(max(xs)) + 1e-9
    y_min, y_max = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    y_max = max(y_max, y_min + 1)

    def x(d: float) -> float:
        return left + (math.log10(d) - x_min) / max(x_max - x_min, 1e-9) * (width - left - 180)

    def y(v: float) -> float:
        return height - bottom - (math.log10(v) - y_min) / (y_max - y_min) * (height - bottom - 30)

    colours = ["#12355b", "#b34700", "#2e7d32", "#6a1b9a", "#c62828"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" '
        f'font-size="11"><rect width="{width}" height="{height}" fill="#fff"/>',
        f'<text x="{left}" y="18" font-size="13">SPARQL: sum of first-run medians of {", ".join(AGGREGATES)}</text>',
    ]
    for e in range(y_min, y_max + 1):
        parts.append(
            f'<line x1="{left}" x2="{width - 180}" y1="{y(10**e):.1f}" y2="{y(10**e):.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y(10**e) + 4:.1f}" text-anchor="end">{10**e:g} s</text>'
        )
    for d in xs:
        parts.append(f'<text x="{x(d):.1f}" y="{height - bottom + 16}" text-anchor="middle">{d:,} docs</text>')
    for i, (name, points) in enumerate(sorted(series.items())):
        colour = colours[i % len(colours)]
        path = " ".join(f"{'M' if j == 0 else 'L'} {x(d):.1f} {y(max(v, 1e-6)):.1f}" for j, (d, v) in enumerate(points))
        parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for d, v in points:
            parts.append(f'<circle cx="{x(d):.1f}" cy="{y(max(v, 1e-6)):.1f}" r="3" fill="{colour}"/>')
        parts.append(f'<text x="{width - 170}" y="{40 + 16 * i}" fill="{colour}">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure casereviews against the systems a user would pick instead.")
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalogue sizes in documents")
    parser.add_argument("--seconds", type=float, default=10, help="length of each throughput measurement")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query")
    parser.add_argument("--rdflib-up-to", type=int, default=10000, help="largest size to run the rdflib systems at")
    parser.add_argument("--remote-up-to", type=int, default=10**9, help="largest size to run the remote store at")
    parser.add_argument(
        "--disk-workers-up-to", type=int, default=10**9, help="largest size to run casereviews --worker-store disk at"
    )
    parser.add_argument("--query-limit-s", type=float, default=300, help="time budget per query and system")
    parser.add_argument("--validate-limit-s", type=float, default=3600)
    parser.add_argument("--out", type=Path, default=BENCH / "results")
    parser.add_argument("--from-json", type=Path, help="only write the summary and chart of an earlier run's JSON")
    args = parser.parse_args()
    if args.from_json:
        results = json.loads(args.from_json.read_text())
        stem = args.from_json.with_suffix("")
        stem.with_suffix(".md").write_text(summary(results))
        stem.parent.joinpath(f"{stem.name}-sparql.svg").write_text(chart(results))
        print(summary(results))
        return
    today = datetime.date.today().isoformat()
    results = {"date": today, "machine": machine(), "settings": {k: str(v) for k, v in vars(args).items()}, "sizes": []}
    args.out.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        for size in (int(s) for s in args.sizes.split(",")):
            print(f"measuring {size} documents ...", file=sys.stderr, flush=True)
            results["sizes"].append(run_size(size, args, stack))
            (args.out / f"{today}.json").write_text(json.dumps(results, indent=2))
    (args.out / f"{today}.md").write_text(summary(results))
    (args.out / f"{today}-sparql.svg").write_text(chart(results))
    print(summary(results))


if __name__ == "__main__":
    main()
