"""The one store interface that the linked-data documents, the SPARQL endpoint and the CLI use.

Nothing above this layer knows which backend answers. Terms and triples are pyoxigraph's types
whichever backend is in use: they are small, fast and parse every RDF and SPARQL results syntax.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import pyoxigraph as ox

from ..negotiation import Format, NotAcceptable

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class QueryError(Exception):
    """The query is malformed or cannot be evaluated: the client's fault (HTTP 400, exit 1)."""


class QueryRefused(Exception):
    """The query is well formed but not allowed here (an update, a SERVICE call off the allow-list)."""


class StoreUnavailable(Exception):
    """The store cannot be reached or answered with an error: not the client's fault (502/503/504)."""

    def __init__(self, message: str, status: int = 502):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class QueryResult:
    """A query's answer, already complete: rows, a boolean, or triples.

    Results are materialised once so that they can be counted against the row cap, cached and
    serialised in whatever format the client negotiated.
    """

    kind: str  # "solutions", "boolean" or "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()

    def bindings(self) -> Iterator[dict[str, Term]]:
        for row in self.rows:
            yield {name: value for name, value in zip(self.variables, row, strict=True) if value is not None}


KINDS = ("solutions", "boolean", "graph")


def formats_by_kind(
    choose_format: Callable[[str], Format],
) -> tuple[dict[str, Format | None], dict[str, Exception]]:
    """The format a client accepts for each kind of answer, decided before the query runs, and the
    refusal (NotAcceptable) to raise for a kind it accepts in no format."""
    formats: dict[str, Format | None] = {}
    refusals: dict[str, Exception] = {}
    for kind in KINDS:
        try:
            formats[kind] = choose_format(kind)
        except NotAcceptable as refusal:
            formats[kind], refusals[kind] = None, refusal
    return formats, refusals


class Store(ABC):
    """A read-only SPARQL 1.1 dataset holding the catalogue."""

    @abstractmethod
    def query(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> QueryResult:
        """Runs a SPARQL query; raises QueryError, QueryRefused or StoreUnavailable."""

    @abstractmethod
    def query_serialised(
        self,
        sparql: str,
        choose_format: Callable[[str], Format],
        *,
        base_iri: str | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> tuple[bytes, Format]:
        """Runs a query and serialises its answer natively in the format ``choose_format`` picks for
        the answer's kind ("solutions", "boolean" or "graph"); the SPARQL endpoint's fast path."""

    @abstractmethod
    def data_version(self) -> str:
        """A short string that changes whenever the data changes and is the same on every process
        serving the same data: the basis of ETags and of every cache."""

    def dump(self) -> tuple[ox.Triple, ...]:
        """Every triple of the catalogue, whatever the result caps."""
        return self.construct("CONSTRUCT WHERE { ?s ?p ?o }")

    def construct(self, sparql: str, base_iri: str | None = None) -> tuple[ox.Triple, ...]:
        result = self.query(sparql, base_iri=base_iri)
        if result.kind != "graph":
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result.triples

    def select(self, sparql: str, base_iri: str | None = None) -> list[dict[str, Term]]:
        result = self.query(sparql, base_iri=base_iri)
        if result.kind != "solutions":
            raise QueryError("expected a SELECT query")
        return list(result.bindings())

    def close(self) -> None:  # noqa: B027 - optional for backends with nothing to release
        """Releases what the store holds open."""
