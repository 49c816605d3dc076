"""Real server processes for the tests, on free loopback ports, stopped afterwards: the catalogue's
own server (`casereviews serve`), and the Oxigraph server from PyPI as a remote SPARQL store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from .conftest import PROJECT_ROOT

OXIGRAPH = str(Path(sys.executable).with_name("oxigraph"))

# The log file of each running `casereviews serve`, by URL, for tests that read what it logged.
running_logs: dict[str, Path] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(
    process: subprocess.Popen, url: str, headers: dict | None = None, seconds: float = 60, log_path: str | None = None
) -> None:
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            output = Path(log_path).read_text() if log_path else (process.stderr.read() if process.stderr else "")
            raise RuntimeError(f"{process.args[0]} exited: {output}")
        try:
            requests.get(url, headers=headers or {}, timeout=1)
            return
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not come up within {seconds} s") from None
            time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for stream in (process.stdout, process.stderr):
        if stream:
            stream.close()


@contextmanager
def running_server(*extra_args: str, base_uri: str | None = None, port: int | None = None):
    """`casereviews serve` on a free port; yields its URL."""
    port = port or free_port()
    args = [sys.executable, "-m", "server.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *extra_args]
    if base_uri:
        args += ["--base-uri", base_uri]
    # The server's log goes to a file, not a pipe nobody reads, which would fill and stall it.
    log = tempfile.NamedTemporaryFile(prefix="casereviews-serve-", suffix=".log", delete=False)
    process = subprocess.Popen(args, cwd=PROJECT_ROOT, stdout=log, stderr=log, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, url + "/sparql", {"Accept": "text/turtle"}, log_path=log.name)
        running_logs[url] = Path(log.name)
        yield url
    finally:
        _stop(process)
        log.close()
        running_logs.pop(url, None)
        Path(log.name).unlink(missing_ok=True)


@contextmanager
def oxigraph_server(location: Path | None = None, port: int | None = None, timeout_s: int = 10):
    """The Oxigraph server (PyPI package `oxigraph`) on a free port; yields its base URL."""
    own_location = location is None
    location = location or Path(tempfile.mkdtemp(prefix="casereviews-oxigraph-"))
    port = port or free_port()
    log = tempfile.NamedTemporaryFile(prefix="casereviews-oxigraph-", suffix=".log", delete=False)
    command = [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    process = subprocess.Popen([*command, "--timeout-s", str(timeout_s)], stdout=log, stderr=log, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(process, url + "/query?query=ASK%7B%7D", log_path=log.name)
        yield url
    finally:
        _stop(process)
        log.close()
        Path(log.name).unlink(missing_ok=True)
        if own_location:
            shutil.rmtree(location, ignore_errors=True)


def load(store: str, base: str, *data: str) -> subprocess.CompletedProcess:
    args = [
        sys.executable,
        "-m",
        "server.cli",
        "load",
        "--store",
        store + "/query",
        "--graph-store",
        store + "/store",
        "--base-uri",
        base,
    ]
    if data:
        args += ["--data", *data]
    return subprocess.run(args, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)


@dataclass(frozen=True)
class Catalogue:
    kind: str  # "embedded" or "remote"
    url: str  # where the catalogue's server listens
    base: str  # the base of its IRIs (its URL, with a slash)
    store: str | None  # the Oxigraph server's URL, for the remote kind


@contextmanager
def running_catalogue(kind: str, *extra_args: str, data: tuple[str, ...] = (), base: str | None = None):
    """The catalogue served from the embedded store, or from a real Oxigraph server loaded with
    `casereviews load`: the same tests run against both."""
    port = free_port()
    base = base or f"http://127.0.0.1:{port}/"
    if kind == "embedded":
        data_args = ("--data", *data) if data else ()
        with running_server(*data_args, *extra_args, port=port, base_uri=base) as url:
            yield Catalogue(kind, url, base, None)
        return
    with oxigraph_server() as store:
        loaded = load(store, base, *data)
        assert loaded.returncode == 0, loaded.stderr
        with running_server("--store", store + "/query", *extra_args, port=port, base_uri=base) as url:
            yield Catalogue(kind, url, base, store)


@contextmanager
def another_front_end(catalogue: Catalogue, *extra_args: str):
    """A second server for the same catalogue and base: on the same store when it is remote."""
    store_args = ("--store", catalogue.store + "/query") if catalogue.store else ()
    with running_server(*store_args, *extra_args, base_uri=catalogue.base) as url:
        yield url
