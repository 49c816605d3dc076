"""The embedded store: the catalogue loaded in-process into pyoxigraph, in memory or on disk."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..negotiation import Format
from .base import QueryError, QueryRefused, QueryResult, Store

# What the query says outside comments, strings and IRIs; SERVICE found there is the keyword.
_NOT_KEYWORDS = re.compile(r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])", re.IGNORECASE)


def refuse_federation(sparql: str) -> None:
    """pyoxigraph would fetch a SERVICE clause's endpoint over HTTP; the endpoint makes no
    outbound request, so such a query is refused before it runs."""
    if _SERVICE.search(_NOT_KEYWORDS.sub(" ", sparql)):
        raise QueryRefused("SERVICE (federated query) is not allowed on this endpoint: it makes no outbound requests.")


def version_of_files(paths: Sequence[Path], base_iri: str) -> str:
    """A digest of the files' bytes and the base: equal on every process serving the same data,
    unlike anything derived from parsed blank nodes, whose labels differ from run to run."""
    digest = hashlib.sha256(base_iri.encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def to_result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="boolean", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(solution[name] for name in variables) for solution in answer)
        return QueryResult(kind="solutions", variables=variables, rows=rows)
    return QueryResult(kind="graph", triples=tuple(answer))


class EmbeddedStore(Store):
    def __init__(self, quads: Iterable[ox.Quad], version: str, path: Path | None = None):
        self._store = ox.Store(str(path)) if path else ox.Store()
        if path is not None:
            self._store.clear()
        self._store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
        self._version = version
        self.triple_count = len(self._store)

    def query(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> QueryResult:
        # The dataset lives in the default graph; a protocol request naming graphs gets exactly the
        # graphs it names (SPARQL 1.1 Protocol, section 2.1.4), which here are empty unless it names
        # no graph at all.
        return to_result(self._run(sparql, base_iri, default_graph_uris, named_graph_uris))

    def _run(self, sparql, base_iri, default_graph_uris, named_graph_uris):
        refuse_federation(sparql)
        options = {}
        if default_graph_uris:
            options["default_graph"] = [ox.NamedNode(uri) for uri in default_graph_uris]
        if named_graph_uris:
            options["named_graphs"] = [ox.NamedNode(uri) for uri in named_graph_uris]
        try:
            return self._store.query(sparql, base_iri=base_iri, **options)
        except SyntaxError as error:
            raise QueryError(str(error)) from None
        except (ValueError, TypeError) as error:
            raise QueryError(str(error)) from None
        except OSError as error:
            raise QueryError(str(error)) from None

    def query_serialised(
        self,
        sparql: str,
        choose_format: Callable[[str], Format],
        *,
        base_iri: str | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> tuple[bytes, Format]:
        answer = self._run(sparql, base_iri, default_graph_uris, named_graph_uris)
        if isinstance(answer, ox.QueryBoolean):
            fmt = choose_format("boolean")
            return answer.serialize(format=ox.QueryResultsFormat.from_media_type(fmt.media_type)), fmt
        if isinstance(answer, ox.QuerySolutions):
            fmt = choose_format("solutions")
            return answer.serialize(format=ox.QueryResultsFormat.from_media_type(fmt.media_type)), fmt
        fmt = choose_format("graph")
        return answer.serialize(format=ox.RdfFormat.from_media_type(fmt.media_type)), fmt

    def data_version(self) -> str:
        return self._version
