"""The OpenAPI description stays in step with the routes, and schemathesis, driven by it, finds no
server error and no undocumented status or media type on a real server."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from server.app import create_app
from server.config import Settings
from server.validation import ValidationReport

from .conftest import PROJECT_ROOT
from .server_process import running_server

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))


def flask_paths() -> set[tuple[str, str]]:
    app = create_app(
        Settings(base_uri="http://127.0.0.1:1/", query_workers=0), validation=ValidationReport(results=(), triples=0)
    )
    paths = set()
    for rule in app.url_map.iter_rules():
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for method in rule.methods - {"HEAD"}:
            if method == "OPTIONS" and path != "/sparql":
                continue  # Flask answers OPTIONS itself everywhere else
            paths.add((path, method.lower()))
    app.extensions["store"].close()
    return paths


def test_openapi_description_lists_exactly_the_routes():
    spec = json.loads((PROJECT_ROOT / "openapi.json").read_text())
    described = {(path, method) for path, operations in spec["paths"].items() for method in operations}
    assert described == flask_paths()


def test_openapi_is_served_with_this_server_as_its_base():
    with running_server(base_uri="https://data.example.org/casereviews/") as url:
        import requests

        served = requests.get(url + "/casereviews/openapi.json", timeout=10).json()
    assert served["servers"] == [{"url": "/casereviews"}]
    assert served["openapi"].startswith("3.")


def test_schemathesis_finds_no_server_errors_or_undocumented_answers():
    with running_server("--no-access-log") as url:
        result = subprocess.run(
            [
                SCHEMATHESIS,
                "run",
                url + "/openapi.json",
                "--url",
                url,
                "--max-examples",
                "25",
                "--seed",
                "7",
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance",
                "--phases",
                "coverage,fuzzing",
                "--generation-database",
                "none",
                "--no-color",
                "--request-timeout",
                "20",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
    summary = "\n".join(result.stdout.splitlines()[-15:])
    assert result.returncode == 0, summary
    assert re.search(r"\d+ generated, \d+ passed", result.stdout), summary
