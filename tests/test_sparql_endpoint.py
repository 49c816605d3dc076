"""The SPARQL endpoint through a real server process, with SPARQLWrapper, rdflib and plain HTTP."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import rdflib
import rdflib.plugins.stores.sparqlstore
import requests
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from .server_process import another_front_end

NATIONS_QUERY = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
SELECT ?nation (COUNT(?work) AS ?works) WHERE {
  ?work a schema:CreativeWork ; dcterms:spatial ?nation .
} GROUP BY ?nation ORDER BY ?nation"""


def wrapper(server, query, fmt=JSON, method="GET"):
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    return client.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_as_json(server, method):
    result = wrapper(server, NATIONS_QUERY, JSON, method).convert()
    counts = {
        row["nation"]["value"].rsplit("/", 1)[-1]: int(row["works"]["value"]) for row in result["results"]["bindings"]
    }
    # The reading list itself covers all four nations.
    assert counts["scotland"] == 7 and counts["wales"] == 5 and counts["northern-ireland"] == 5
    assert counts["england"] == 12 and counts["united-kingdom"] == 1


@pytest.mark.parametrize(
    "fmt,media_type", [(XML, "application/sparql-results+xml"), (CSV, "text/csv"), (TSV, "text/tab-separated-values")]
)
def test_sparqlwrapper_select_in_other_formats(server, fmt, media_type):
    response = wrapper(server, NATIONS_QUERY, fmt)
    assert response.info()["content-type"].startswith(media_type)
    body = response.convert()
    text = body.toxml() if hasattr(body, "toxml") else body.decode() if isinstance(body, bytes) else str(body)
    assert "jurisdiction/scotland" in text


def test_ask_and_construct(server):
    assert wrapper(server, "ASK { ?s a <http://schema.org/AdministrativeArea> }").convert()["boolean"] is True
    graph = rdflib.Graph().parse(
        data=wrapper(server, "CONSTRUCT WHERE { ?s a <http://schema.org/AdministrativeArea> }", TURTLE).convert(),
        format="turtle",
    )
    assert len(graph) == 5


def test_post_as_sparql_query_body_and_format_parameter(server):
    response = requests.post(
        server + "/sparql?format=csv",
        data=NATIONS_QUERY.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=10,
    )
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    assert response.text.splitlines()[0] == "nation,works"


def test_rdflib_sparqlstore_reads_the_endpoint(server):
    store = rdflib.plugins.stores.sparqlstore.SPARQLStore(server + "/sparql")
    graph = rdflib.Graph(store=store)
    rows = list(
        graph.query(
            'SELECT ?label WHERE { ?n <http://www.w3.org/2004/02/skos/core#notation> "W92000004" ; '
            "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
        )
    )
    assert [str(r[0]) for r in rows] == ["Wales"]


def test_malformed_query_is_400_and_sparqlwrapper_raises_query_bad_formed(server):
    with pytest.raises(QueryBadFormed):
        wrapper(server, "SELECT ?x WHERE { ?x ")
    response = requests.get(server + "/sparql", params={"query": "SELEKT *"}, timeout=10)
    assert response.status_code == 400 and "error at 1:" in response.text


def test_update_is_refused_and_changes_nothing(server):
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = wrapper(server, count).convert()["results"]["bindings"][0]["n"]["value"]
    for response in (
        requests.post(server + "/sparql", data={"update": "DELETE WHERE { ?s ?p ?o }"}, timeout=10),
        requests.post(
            server + "/sparql",
            data=b"DELETE WHERE { ?s ?p ?o }",
            headers={"Content-Type": "application/sparql-update"},
            timeout=10,
        ),
        requests.post(server + "/sparql", data={"query": "DELETE WHERE { ?s ?p ?o }"}, timeout=10),
    ):
        assert 400 <= response.status_code < 500
    after = wrapper(server, count).convert()["results"]["bindings"][0]["n"]["value"]
    assert before == after


def test_service_makes_no_outbound_connection(server):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(2)
    port = listener.getsockname()[1]
    connections = []

    def accept():
        try:
            connections.append(listener.accept())
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    response = requests.get(server + "/sparql", params={"query": query}, timeout=10)
    thread.join()
    listener.close()
    assert response.status_code == 403 and "SERVICE" in response.text
    assert connections == []


def test_service_description_for_rdf_clients_and_query_page_for_browsers(server):
    description = requests.get(server + "/sparql", headers={"Accept": "text/turtle"}, timeout=10)
    graph = rdflib.Graph().parse(data=description.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (rdflib.URIRef(server + "/sparql"), rdflib.RDF.type, sd.Service) in graph
    page = requests.get(server + "/sparql", headers={"Accept": "text/html"}, timeout=10)
    assert '<textarea id="query" name="query"' in page.text
    assert f"PREFIX jur: <{server}/id/jurisdiction/>" in page.text


def test_cors_headers_and_preflight(server):
    preflight = requests.options(
        server + "/sparql",
        headers={"Origin": "http://elsewhere.test", "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    response = requests.get(server + "/sparql", params={"query": "ASK {}"}, timeout=10)
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_relative_iris_in_queries_resolve_against_the_base(server):
    result = wrapper(server, "ASK { <id/jurisdiction/wales> ?p ?o }").convert()
    assert result["boolean"] is True


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def limited_server(served):
    with another_front_end(served, "--timeout-s", "2", "--max-rows", "50", "--max-request-bytes", "2000") as url:
        yield url


def test_runaway_query_is_stopped_at_the_limit_while_others_are_answered(limited_server):
    outcome = {}

    def run_away():
        started = time.monotonic()
        response = requests.get(limited_server + "/sparql", params={"query": RUNAWAY}, timeout=30)
        outcome["runaway"] = (response.status_code, response.text, time.monotonic() - started)

    thread = threading.Thread(target=run_away)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    quick = requests.get(limited_server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    quick_seconds = time.monotonic() - started
    thread.join()
    status, text, seconds = outcome["runaway"]
    assert status == 503 and "time limit of 2 s" in text
    assert seconds < 2 + 5  # stopped, not run to the end
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert quick_seconds < seconds
    # The worker that ran away was replaced: the endpoint still answers.
    again = requests.get(limited_server + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
    assert again.status_code == 200


def test_row_cap_gives_a_clear_error(limited_server):
    response = requests.get(limited_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"}, timeout=30)
    assert response.status_code == 422 and "more than 50 rows" in response.text and "LIMIT" in response.text
    capped = requests.get(
        limited_server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 50"}, timeout=30
    )
    assert capped.status_code == 200 and len(capped.json()["results"]["bindings"]) == 50


def test_row_cap_counts_exactly_in_every_format_and_for_graphs(limited_server):
    def get(query: str, accept: str) -> requests.Response:
        return requests.get(limited_server + "/sparql", params={"query": query}, headers={"Accept": accept}, timeout=30)

    at_cap = get("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 50", "text/tab-separated-values")
    assert at_cap.status_code == 200 and len(at_cap.text.splitlines()) == 51  # the header and 50 rows
    assert get("SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 51", "text/csv").status_code == 422
    graph = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT "
    triples = get(graph + "50", "application/n-triples")
    assert triples.status_code == 200 and len(triples.text.strip().splitlines()) == 50
    too_many = get(graph + "51", "text/turtle")
    assert too_many.status_code == 422 and "more than 50 triples" in too_many.text


def test_request_size_cap_is_413(limited_server):
    long_query = "SELECT * WHERE { ?s ?p ?o } # " + "x" * 3000
    response = requests.post(limited_server + "/sparql", data={"query": long_query}, timeout=30)
    assert response.status_code == 413
    body = requests.post(
        limited_server + "/sparql",
        data=long_query.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert body.status_code == 413


def test_default_and_named_graph_uris_are_honoured(served):
    server, graph = served.url, served.base + "dataset"
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    named = requests.get(server + "/sparql", params={"query": count, "default-graph-uri": graph}, timeout=10).json()
    other = requests.get(
        server + "/sparql", params={"query": count, "default-graph-uri": server + "/nothing"}, timeout=10
    ).json()
    assert int(named["results"]["bindings"][0]["n"]["value"]) > 1000
    assert int(other["results"]["bindings"][0]["n"]["value"]) == 0
    in_graph = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    graphs = requests.get(server + "/sparql", params={"query": in_graph, "named-graph-uri": graph}, timeout=10).json()
    assert [b["g"]["value"] for b in graphs["results"]["bindings"]] == [graph]


def test_no_acceptable_format_for_the_kind_of_answer_is_406(server):
    construct = requests.get(
        server + "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1"},
        headers={"Accept": "application/sparql-results+json"},
        timeout=10,
    )
    assert construct.status_code == 406 and "text/turtle" in construct.text
    select = requests.get(server + "/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"}, timeout=10)
    assert select.status_code == 406 and "application/sparql-results+json" in select.text
