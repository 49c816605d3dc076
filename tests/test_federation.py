"""SERVICE makes no outbound request unless the operator allows that endpoint."""

from __future__ import annotations

import socket
import threading

import pytest
import requests

from server.store.base import QueryRefused
from server.store.embedded import refuse_federation

from .server_process import running_server

ALLOWED = frozenset({"http://127.0.0.1:9999/sparql"})


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9999/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9999/sparql> { ?s ?p ?o } }",
        'SELECT * WHERE { ?s <http://x/SERVICE> "SERVICE <http://elsewhere/>" } # SERVICE <http://elsewhere/>',
        "SELECT ?service WHERE { ?service <http://example.org/SERVICE> ?o }",
    ],
)
def test_allowed_or_absent_services_pass(query):
    refuse_federation(query, ALLOWED)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
        "PREFIX ex: <http://127.0.0.1:9999/> SELECT * WHERE { SERVICE ex:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9999/sparql> { ?s ?p ?o } SERVICE <http://evil/> { ?a ?b ?c } }",
    ],
)
def test_other_services_are_refused(query):
    with pytest.raises(QueryRefused):
        refuse_federation(query, ALLOWED)
    with pytest.raises(QueryRefused):
        refuse_federation(query)


def test_an_allowed_service_is_called_and_others_open_no_connection():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(3)
    silent = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    connections = []
    thread = threading.Thread(target=lambda: connections.append(_accept(listener)))
    with running_server() as remote:
        with running_server("--allow-service", remote + "/sparql") as url:
            federated = requests.get(
                url + "/sparql",
                timeout=30,
                params={
                    "query": (
                        "SELECT ?label WHERE { SERVICE <" + remote + "/sparql> { "
                        '?n <http://www.w3.org/2004/02/skos/core#notation> "W92000004" ; '
                        "<http://www.w3.org/2000/01/rdf-schema#label> ?label } }"
                    )
                },
                headers={"Accept": "application/sparql-results+json"},
            )
            assert federated.status_code == 200, federated.text
            assert [b["label"]["value"] for b in federated.json()["results"]["bindings"]] == ["Wales"]
            thread.start()
            refused = requests.get(
                url + "/sparql", params={"query": f"ASK {{ SERVICE <{silent}> {{ ?s ?p ?o }} }}"}, timeout=30
            )
            thread.join()
    listener.close()
    assert refused.status_code == 403 and remote + "/sparql" in refused.text
    assert connections == [None]


def _accept(listener):
    try:
        return listener.accept()
    except OSError:
        return None
