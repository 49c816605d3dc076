"""A public server meets hostile input: each kind gets a clear 4xx, nothing leaks, nothing breaks."""

from __future__ import annotations

import json
import socket

import pytest
import requests

from server.dataset import shipped_data_files

from .server_process import running_logs, running_server

HOSTILE_TITLE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    extra = tmp_path_factory.mktemp("hostile") / "hostile.ttl"
    extra.write_text(
        f"""@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <http://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<id/resource/hostile> a schema:CreativeWork ; rdfs:label {json.dumps(HOSTILE_TITLE)}@en ;
  dcterms:title {json.dumps(HOSTILE_TITLE)}@en ; dcterms:issued "2020"^^xsd:gYear ;
  dcterms:publisher <id/organisation/nspcc> ; dcterms:spatial <id/jurisdiction/wales> ;
  dcterms:type <id/concept/research-report> ; dcterms:description "</script><script>alert(2)</script>"@en ;
  dcterms:source <id/source/facts-and-sources> .
""",
        encoding="utf-8",
    )
    with running_server("--data", *map(str, shipped_data_files()), str(extra), "--timeout-s", "3") as url:
        yield url


def raw_request(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    "path",
    [
        "/doc/../../etc/passwd",
        "/static/../server/app.py",
        "/static/%2e%2e/server/app.py",
        "/doc/resource/..%2f..%2fetc%2fpasswd",
        "/static/..%2f..%2fpyproject.toml",
        "/def/..%2fshapes",
    ],
)
def test_path_traversal_reaches_nothing(server, path):
    response = raw_request(server, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
    status = int(response.split(b" ", 2)[1])
    assert status in (400, 404), response[:200]
    assert b"import" not in response and b"root:" not in response and b"[project]" not in response


def test_every_literal_is_escaped_in_pages(server):
    html = requests.get(server + "/doc/resource/hostile", headers={"Accept": "text/html"}, timeout=10).text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    # The embedded JSON-LD cannot end its script element early.
    start = html.index('<script type="application/ld+json">')
    assert "</script><script>" not in html[start:]
    listing = requests.get(server + "/doc/jurisdiction/wales", headers={"Accept": "text/html"}, timeout=10).text
    assert "<script>alert" not in listing


def test_very_long_paths_and_headers_are_refused_cleanly(server):
    long_path = requests.get(server + "/doc/resource/" + "a" * 20000, timeout=10)
    assert long_path.status_code in (404, 414, 431)
    huge_header = requests.get(server + "/", headers={"X-Padding": "x" * 300000}, timeout=10)
    assert huge_header.status_code in (400, 431)
    long_accept = requests.get(
        server + "/doc/jurisdiction/wales", headers={"Accept": "text/turtle;q=0.9, " * 2000}, timeout=10
    )
    assert long_accept.status_code in (200, 431)


def test_deeply_nested_and_huge_queries(server):
    nested = "SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000
    response = requests.post(server + "/sparql", data={"query": nested}, timeout=30)
    assert response.status_code in (400, 503) and "Traceback" not in response.text
    assert requests.get(server + "/sparql", params={"query": "ASK {}"}, timeout=10).status_code == 200
    huge = requests.post(server + "/sparql", data={"query": "ASK {} #" + "x" * 200000}, timeout=30)
    assert huge.status_code == 413


def test_invalid_utf8_is_a_400(server):
    body = requests.post(
        server + "/sparql",
        data=b'ASK { ?s ?p "\xff\xfe" }',
        headers={"Content-Type": "application/sparql-query"},
        timeout=10,
    )
    assert body.status_code == 400 and "Traceback" not in body.text
    query_string = raw_request(
        server, b"GET /sparql?query=ASK%20%7B%22%FF%22%7D HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert query_string.split(b" ", 2)[1] in (b"400", b"200")
    assert b"Traceback" not in query_string


def test_crlf_in_headers_is_never_reflected(server):
    response = raw_request(
        server, b"GET / HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc\rSet-Cookie: evil=1\r\nConnection: close\r\n\r\n"
    )
    headers = response.split(b"\r\n\r\n", 1)[0]
    assert b"\r\nSet-Cookie" not in headers and b"\nSet-Cookie" not in headers
    echoed = requests.get(server + "/", headers={"X-Request-Id": "bad id\twith spaces"}, timeout=10)
    assert " " not in echoed.headers["X-Request-Id"]


def test_other_hosts_never_appear_in_iris(server):
    response = requests.get(server + "/doc/jurisdiction/wales.ttl", headers={"Host": "evil.example"}, timeout=10)
    assert response.status_code == 200 and "evil.example" not in response.text
    redirect = requests.get(
        server + "/id/jurisdiction/wales", headers={"Host": "evil.example"}, allow_redirects=False, timeout=10
    )
    assert "evil.example" not in redirect.headers["Location"]
    assert (
        requests.get(
            server + "/doc/jurisdiction/wales",
            params={"_format": "ttl"},
            headers={"X-Forwarded-Host": "evil.example"},
            timeout=10,
        ).text.count("evil.example")
        == 0
    )


def test_security_headers_on_pages_and_no_version_leaks(server):
    response = requests.get(server + "/", headers={"Accept": "text/html"}, timeout=10)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Server"] == "casereviews"
    assert "Werkzeug" not in response.text and "Python" not in response.headers.get("Server", "")
    assert "<script>" not in response.text  # no inline script to allow


def test_errors_speak_the_client_s_format_and_carry_a_request_id(server):
    turtle = requests.get(server + "/doc/resource/nothing", headers={"Accept": "text/turtle"}, timeout=10)
    assert turtle.status_code == 404 and turtle.headers["Content-Type"].startswith("text/turtle")
    assert "http://www.w3.org/2011/http#statusCodeValue" in turtle.text or "statusCodeValue" in turtle.text
    as_json = requests.get(server + "/doc/resource/nothing", headers={"Accept": "application/json"}, timeout=10)
    assert as_json.json()["status"] == 404
    page = requests.get(server + "/doc/resource/nothing", headers={"Accept": "text/html"}, timeout=10)
    assert "<h1>404 Not Found</h1>" in page.text
    assert all(r.headers["X-Request-Id"] for r in (turtle, as_json, page))


def test_runaway_query_error_is_logged_with_its_request_id(server):
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = requests.get(
        server + "/sparql", params={"query": runaway}, headers={"X-Request-Id": "runaway-1"}, timeout=30
    )
    assert response.status_code == 503 and response.headers["X-Request-Id"] == "runaway-1"
    assert '"runaway-1"' in response.text  # the error, as Turtle for a */* client, names the request id
    log = running_logs[server].read_text()
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    (logged,) = [line for line in lines if line["request_id"] == "runaway-1"]
    assert logged["status"] == 503 and logged["path"] == "/sparql" and logged["method"] == "GET"
    assert {"duration_ms", "format"} <= set(logged)


def test_health_checks_the_store(server):
    health = requests.get(server + "/health", timeout=10).json()
    assert health["status"] == "ok" and health["dataVersion"]
