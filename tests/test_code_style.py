"""The code stays ruff-clean and formatted (settings in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import PROJECT_ROOT

RUFF = str(Path(sys.executable).with_name("ruff"))


def test_ruff_finds_nothing():
    result = subprocess.run(
        [RUFF, "check", "server", "tests", "bench"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_code_is_formatted():
    result = subprocess.run(
        [RUFF, "format", "--check", "server", "tests", "bench"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
