"""A remote store: any SPARQL 1.1 Protocol query endpoint, through SPARQLWrapper, with the data
written by the Graph Store Protocol (``casereviews load``).

Credentials come from the environment (CASEREVIEWS_STORE_USER and CASEREVIEWS_STORE_PASSWORD for
HTTP basic authentication, or CASEREVIEWS_STORE_TOKEN for a bearer token), never from the command
line, where other users of the machine could read them.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.error
from collections.abc import Callable, Sequence

import pyoxigraph as ox
from SPARQLWrapper import JSON, N3, POST, TSV, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..negotiation import Format
from .base import QueryError, QueryRefused, QueryResult, Store, StoreUnavailable, formats_by_kind
from .embedded import refuse_federation
from .query_worker import QueryTimeout, TooManyRows, too_many_rows, too_many_triples

VERSION_PREDICATE = "http://www.w3.org/2002/07/owl#versionInfo"
QUERY_KINDS = {"CONSTRUCT": "graph", "DESCRIBE": "graph", "SELECT": "solutions", "ASK": "boolean"}


def auth_headers() -> dict[str, str]:
    token = os.environ.get("CASEREVIEWS_STORE_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    return {}


def basic_credentials() -> tuple[str, str] | None:
    user = os.environ.get("CASEREVIEWS_STORE_USER")
    return (user, os.environ.get("CASEREVIEWS_STORE_PASSWORD", "")) if user else None


def _triples(ntriples: bytes) -> list[ox.Triple]:
    try:
        return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as error:
        raise StoreUnavailable(f"The store sent triples that cannot be read: {error}", 502) from None


class RemoteStore(Store):
    def __init__(
        self,
        query_url: str,
        graph_iri: str,
        *,
        timeout_s: float = 10.0,
        max_rows: int = 10_000,
        version_ttl_s: float = 2.0,
        allowed_services: frozenset[str] = frozenset(),
    ):
        self.query_url, self.graph_iri = query_url, graph_iri
        self._allowed_services = allowed_services
        self._timeout_s, self._max_rows, self._version_ttl_s = timeout_s, max_rows, version_ttl_s
        self._version: tuple[float, str] | None = None
        self._lock = threading.Lock()

    def _client(
        self, sparql: str, base_iri: str | None, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]
    ) -> SPARQLWrapper:
        client = SPARQLWrapper(self.query_url)
        # On the first line, so that the store's error positions still match the client's query.
        client.setQuery((f"BASE <{base_iri}> " if base_iri else "") + sparql)
        client.setMethod(POST)
        client.setTimeout(max(1, round(self._timeout_s)))
        credentials = basic_credentials()
        if credentials:
            client.setCredentials(*credentials)
        for name, value in auth_headers().items():
            client.addCustomHttpHeader(name, value)
        for uri in default_graph_uris:
            client.addDefaultGraph(uri)
        for uri in named_graph_uris:
            client.addNamedGraph(uri)
        return client

    def _fetch(self, client: SPARQLWrapper, accept: str) -> bytes:
        client.addCustomHttpHeader("Accept", accept)
        try:
            return client.query().response.read()
        except SPARQLWrapperException as error:
            message = str(error).split("Response:", 1)[-1].strip().strip("b'\"") or str(error)
            raise QueryError(message.replace("\\n", "\n")) from None
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:500]
            if 400 <= error.code < 500:
                raise QueryError(detail or f"the store answered HTTP {error.code}") from None
            raise StoreUnavailable(f"The store answered with an error (HTTP {error.code}): {detail}", 502) from None
        except TimeoutError:
            raise QueryTimeout(self._timeout_s) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise QueryTimeout(self._timeout_s) from None
            raise StoreUnavailable(f"The store at {self.query_url} cannot be reached ({error.reason}).", 502) from None
        except (ConnectionError, OSError) as error:
            raise StoreUnavailable(f"The store at {self.query_url} cannot be reached ({error}).", 502) from None

    def _answer(
        self, sparql: str, base_iri: str | None, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]
    ) -> QueryResult:
        client, kind = self._prepared(sparql, base_iri, default_graph_uris, named_graph_uris)
        if kind == "graph":
            return QueryResult(kind="graph", triples=tuple(_triples(self._ntriples(client))))
        client.setReturnFormat(JSON)
        body = self._fetch(client, "application/sparql-results+json")
        try:
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as error:
            raise StoreUnavailable(f"The store sent results that cannot be read: {error}", 502) from None
        if isinstance(parsed, ox.QueryBoolean):
            return QueryResult(kind="boolean", boolean=bool(parsed))
        variables = tuple(v.value for v in parsed.variables)
        rows = []
        for solution in parsed:
            if len(rows) == self._max_rows:
                raise TooManyRows(too_many_rows(self._max_rows))
            rows.append(tuple(solution[name] for name in variables))
        return QueryResult(kind="solutions", variables=variables, rows=tuple(rows))

    def query(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> QueryResult:
        return self._answer(sparql, base_iri, default_graph_uris, named_graph_uris)

    def query_serialised(
        self,
        sparql: str,
        choose_format: Callable[[str], Format],
        *,
        base_iri: str | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> tuple[bytes, Format]:
        # The store's own serialisation, checked against the row cap and converted by pyoxigraph's
        # writers without building a Python object per row: SELECT answers travel as TSV (one line
        # a row, so the cap is a line count) and graphs as N-Triples (one line a triple).
        formats, refusals = formats_by_kind(choose_format)
        client, kind = self._prepared(sparql, base_iri, default_graph_uris, named_graph_uris)
        fmt = formats[kind]
        if fmt is None:
            raise refusals[kind]
        if kind == "boolean":
            client.setReturnFormat(JSON)
            return self._converted_results(self._fetch(client, "application/sparql-results+json"), "JSON", fmt), fmt
        if kind == "solutions":
            client.setReturnFormat(TSV)
            body = self._fetch(client, "text/tab-separated-values")
            if len(body.splitlines()) - 1 > self._max_rows:  # less the header line
                raise TooManyRows(too_many_rows(self._max_rows))
            if fmt.media_type == "text/tab-separated-values":
                return body, fmt
            return self._converted_results(body, "TSV", fmt), fmt
        body = self._ntriples(client)
        if fmt.media_type == "application/n-triples":
            return body, fmt
        return ox.serialize(_triples(body), format=ox.RdfFormat.from_media_type(fmt.media_type)), fmt

    def _prepared(
        self, sparql: str, base_iri: str | None, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]
    ) -> tuple[SPARQLWrapper, str]:
        """The client for a query and the kind of answer it gives; refuses what must not run."""
        refuse_federation(sparql, self._allowed_services)
        client = self._client(sparql, base_iri, default_graph_uris, named_graph_uris)
        kind = QUERY_KINDS.get(client.queryType)
        if kind is None:
            raise QueryRefused("Only SELECT, ASK, CONSTRUCT and DESCRIBE queries are accepted; the data is read-only.")
        return client, kind

    def _ntriples(self, client: SPARQLWrapper) -> bytes:
        """A graph answer as N-Triples, within the cap (N-Triples has one triple a line)."""
        client.setReturnFormat(N3)
        body = self._fetch(client, "application/n-triples")
        if sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#")) > self._max_rows:
            raise TooManyRows(too_many_triples(self._max_rows))
        return body

    @staticmethod
    def _converted_results(body: bytes, given: str, fmt: Format) -> bytes:
        try:
            parsed = ox.parse_query_results(body, format=getattr(ox.QueryResultsFormat, given))
            return parsed.serialize(format=ox.QueryResultsFormat.from_media_type(fmt.media_type))
        except SyntaxError as error:
            raise StoreUnavailable(f"The store sent results that cannot be read: {error}", 502) from None

    def dump(self) -> tuple[ox.Triple, ...]:
        client = self._client(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{self.graph_iri}> {{ ?s ?p ?o }} }}", None, (), ()
        )
        client.setReturnFormat(N3)
        client.setTimeout(max(60, round(self._timeout_s)))
        return tuple(_triples(self._fetch(client, "application/n-triples")))

    def data_version(self) -> str:
        """The version ``casereviews load`` wrote with the data, re-read every few seconds so that a
        new load is seen promptly; every front-end on the same store reads the same one."""
        now = time.monotonic()
        with self._lock:
            if self._version and now - self._version[0] < self._version_ttl_s:
                return self._version[1]
        rows = self.select(
            f"SELECT ?v WHERE {{ GRAPH <{self.graph_iri}> {{ <{self.graph_iri}> <{VERSION_PREDICATE}> ?v }} }}"
        )
        if not rows:
            raise StoreUnavailable(
                f"The store holds no catalogue in graph <{self.graph_iri}>: load it with "
                "`casereviews load` using the same --base-uri.",
                503,
            )
        version = rows[0]["v"].value
        with self._lock:
            self._version = (now, version)
        return version
