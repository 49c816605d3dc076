"""Shared fixtures: the shipped catalogue as an rdflib graph, and a runner for the real CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from server.dataset import load_graph, shipped_files

BASE = "http://example.test/"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED = PROJECT_ROOT / "data" / "seed" / "nspcc-case-review-reading-list-2013.txt"


@pytest.fixture(scope="session")
def catalogue():
    return load_graph(shipped_files(), BASE)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Runs ``casereviews`` as a separate process, as a user or a CI pipeline would."""
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or PROJECT_ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module", params=["embedded", "remote"])
def served(request):
    """The catalogue's server on each kind of store in turn: the HTTP tests run against both."""
    from .server_process import running_catalogue

    with running_catalogue(request.param) as catalogue_server:
        yield catalogue_server


@pytest.fixture(scope="module")
def server(served):
    return served.url
