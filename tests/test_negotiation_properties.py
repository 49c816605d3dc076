"""Property-based tests of content negotiation and of every parser of user input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.app import create_app
from server.config import Settings
from server.iris import DEFINITION_PATH, DOCUMENT_PATH, THING_PATH
from server.negotiation import (
    CATALOGUE_FORMATS,
    DOCUMENT_FORMATS,
    RDF_FORMATS,
    RESULT_FORMATS,
    NotAcceptable,
    choose_format,
    negotiate,
)

MEDIA_TYPES = [f.media_type for f in CATALOGUE_FORMATS + RESULT_FORMATS] + [
    "*/*",
    "text/*",
    "application/*",
    "image/png",
    "application/json",
    "application/xml",
    "text/plain",
]
media_range = st.tuples(st.sampled_from(MEDIA_TYPES), st.one_of(st.none(), st.floats(0, 1).map(lambda q: round(q, 3))))
accept_header = st.lists(media_range, max_size=6).map(
    lambda ranges: ", ".join(m if q is None else f"{m};q={q}" for m, q in ranges)
)


def quality(accept, fmt) -> float:
    """The rule negotiation follows: the quality of a format's own media type (wildcards included,
    as werkzeug rates it), or of one of its alias media types named outright, unless its own type is
    refused with q=0."""
    own = accept.quality(fmt.media_type)
    if any(value == fmt.media_type and q == 0 for value, q in accept):
        return own
    named = [q for value, q in accept for alias in fmt.aliases if value == alias]
    return max([own, *named])


@given(accept_header)
def test_negotiation_picks_the_best_offered_format_the_client_accepts(header):
    from werkzeug.datastructures import MIMEAccept
    from werkzeug.http import parse_accept_header

    accept = parse_accept_header(header, MIMEAccept)
    try:
        chosen = negotiate(header, DOCUMENT_FORMATS)
    except NotAcceptable as refusal:
        assert refusal.offered == DOCUMENT_FORMATS
        assert header and all(quality(accept, f) == 0 for f in DOCUMENT_FORMATS)
        return
    assert chosen in DOCUMENT_FORMATS
    if header:
        assert quality(accept, chosen) == max(quality(accept, f) for f in DOCUMENT_FORMATS) > 0
        # Among equally acceptable formats the first offered wins, so "*/*" gets Turtle.
        first_best = next(f for f in DOCUMENT_FORMATS if quality(accept, f) == quality(accept, chosen))
        assert chosen is first_best


@given(st.text(max_size=200))
def test_arbitrary_accept_headers_never_raise_anything_but_not_acceptable(header):
    try:
        assert negotiate(header, RDF_FORMATS) in RDF_FORMATS
    except NotAcceptable:
        pass


@given(st.text(max_size=40), st.one_of(st.none(), st.text(max_size=40)))
def test_format_names_and_extensions_are_matched_or_refused(extension, name):
    try:
        chosen, negotiated = choose_format(CATALOGUE_FORMATS, "*/*", extension or None, name)
    except NotAcceptable:
        return
    assert chosen in CATALOGUE_FORMATS
    assert negotiated == (not extension and not name)


@given(st.text(max_size=120))
def test_path_patterns_accept_only_slugs(path):
    for pattern in (THING_PATH, DOCUMENT_PATH, DEFINITION_PATH):
        match = pattern.match(path)
        if match:
            assert all(c.isalnum() and c.isascii() or c in "-/._" for c in path)


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(base_uri="http://127.0.0.1:1/", query_workers=1, query_timeout_s=5))
    yield app.test_client()
    app.extensions["store"].close()


# 308: werkzeug redirects a path with doubled slashes to its canonical form.
SAFE_STATUSES = {200, 303, 304, 308, 400, 403, 404, 405, 406, 413, 415, 422}
path_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="?#"), max_size=60)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.sampled_from(["/id/", "/doc/", "/def/", "/doc/resource/", "/dataset.", "/compare/", "/static/", "/"]),
    path_text,
    st.dictionaries(
        st.sampled_from(["_format", "page", "style", "locale", "format", "x"]), st.text(max_size=30), max_size=3
    ),
    accept_header,
)
def test_arbitrary_paths_and_parameters_never_give_a_server_error(client, prefix, rest, params, accept):
    path = prefix + rest
    if path.startswith("//"):
        # werkzeug's test client reads a leading "//" as the start of a host name, not a path; a
        # path of one leading slash still reaches the same routes.
        path = "/" + path.lstrip("/")
    response = client.get(path, query_string=params, headers={"Accept": accept})
    assert response.status_code in SAFE_STATUSES, (path, params, accept, response.status_code)
    assert b"Traceback" not in response.data


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    st.sampled_from(["GET", "POST-form", "POST-query", "POST-other"]),
    st.text(max_size=300),
    st.lists(st.text(max_size=40), max_size=2),
    accept_header,
)
def test_arbitrary_sparql_requests_never_give_a_server_error(client, form, query, graphs, accept):
    headers = {"Accept": accept}
    if form == "GET":
        response = client.get("/sparql", query_string={"query": query, "default-graph-uri": graphs}, headers=headers)
    elif form == "POST-form":
        response = client.post("/sparql", data={"query": query, "named-graph-uri": graphs}, headers=headers)
    elif form == "POST-query":
        response = client.post("/sparql", data=query.encode(), content_type="application/sparql-query", headers=headers)
    else:
        response = client.post("/sparql", data=query.encode(), content_type="text/plain", headers=headers)
    assert response.status_code in SAFE_STATUSES, (form, query, response.status_code, response.data[:300])
    assert b"Traceback" not in response.data
