"""`casereviews serve` as a process: how it starts, refuses to start and stops, on the production server."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests

from .conftest import PROJECT_ROOT
from .server_process import free_port, running_server


def _serve(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--host", "127.0.0.1", "--no-access-log", *args],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def _wait_for_answer(url: str, process: subprocess.Popen, seconds: float = 60) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            return requests.get(url, timeout=2)
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


def test_a_port_in_use_is_refused_with_exit_2_and_a_message():
    with running_server() as url:
        port = url.rsplit(":", 1)[1]
        second = _serve("--port", port)
        out, err = second.communicate(timeout=60)
        # The first server still answers: the second did not silently share its port.
        assert requests.get(url + "/health", timeout=5).status_code == 200
    assert second.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Choose another --port" in err
    assert "Serving" not in out and "Traceback" not in err


def test_a_store_directory_that_cannot_be_made_is_refused_with_exit_2_and_no_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    process = _serve("--port", str(free_port()), "--store-path", str(blocker / "store"))
    _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert "casereviews serve: cannot start:" in err
    assert "Traceback" not in err


def test_sigterm_stops_every_process_and_removes_the_temporary_store():
    port = free_port()
    process = _serve("--port", str(port))
    try:
        assert _wait_for_answer(f"http://127.0.0.1:{port}/health", process).status_code == 200
        family = psutil.Process(process.pid).children(recursive=True)
        assert family, "the server runs its application and query workers in child processes"
        stores = [_store_directory(f.path) for p in family for f in _open_files(p) if "casereviews-store-" in f.path]
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
    _, err = process.communicate()
    assert "Traceback" not in err
    gone, alive = psutil.wait_procs(family, timeout=10)
    assert not alive, f"left running: {alive}"
    store_dirs = set(stores)
    assert store_dirs, "the store keeps its files in a temporary casereviews-store-* directory"
    assert not any(d.exists() for d in store_dirs)


def _store_directory(path: str) -> Path:
    return next(p for p in Path(path).parents if p.name.startswith("casereviews-store-"))


def _open_files(process: psutil.Process) -> list:
    try:
        return process.open_files()
    except psutil.Error:
        return []


def test_workers_on_disk_give_the_same_answers_as_workers_in_memory():
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    headers = {"Accept": "text/tab-separated-values"}
    answers = []
    for extra in ((), ("--worker-store", "disk")):
        with running_server(*extra) as url:
            answers.append(requests.post(url + "/sparql", data={"query": query}, headers=headers, timeout=30).text)
    assert answers[0] == answers[1]
    assert int(answers[0].splitlines()[1].split("^^")[0].strip('"')) > 1000
