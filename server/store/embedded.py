"""The embedded store: the catalogue loaded into pyoxigraph on local disk (a temporary directory,
or --store-path), queried in-process for the server's own bounded queries and in query worker
processes, with a time limit, for clients' SPARQL queries."""

from __future__ import annotations

import re
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from ..negotiation import Format
from .base import QueryError, QueryRefused, QueryResult, Store, formats_by_kind
from .query_worker import NotAcceptableKind, QueryJob, QueryWorkers

# Comments and string literals, which can mention SERVICE without calling one.
_COMMENTS_AND_STRINGS = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
)
_IRI = re.compile(r'<[^<>"{}|^`\\\s]*>')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:])\s*(?:SILENT\s*)?(\S*)", re.IGNORECASE)


def refuse_federation(sparql: str, allowed: frozenset[str] = frozenset()) -> None:
    """pyoxigraph fetches a SERVICE clause's endpoint over HTTP, so the endpoint makes no outbound
    request unless the operator allows that endpoint (``--allow-service``): a query calling any other
    service, or naming it by a variable or prefixed name, is refused before it runs."""
    text = _COMMENTS_AND_STRINGS.sub(" ", sparql)
    # IRIs stay (SERVICE needs its endpoint's), but no keyword inside one is read as a SERVICE call.
    masked = _IRI.sub(lambda m: "<" + "x" * (len(m.group()) - 2) + ">", text)
    for match in _SERVICE.finditer(masked):
        start, end = match.span(1)
        endpoint = text[start:end]
        if not (endpoint.startswith("<") and endpoint.endswith(">") and endpoint[1:-1] in allowed):
            allowed_text = ", ".join(sorted(allowed)) if allowed else "none: federation is off"
            raise QueryRefused(
                f"SERVICE {endpoint or '(no endpoint)'} is not allowed on this endpoint, which "
                f"makes no other outbound requests. Allowed services: {allowed_text}."
            )


def to_result(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(kind="boolean", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(solution[name] for name in variables) for solution in answer)
        return QueryResult(kind="solutions", variables=variables, rows=rows)
    return QueryResult(kind="graph", triples=tuple(answer))


def dataset_options(default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]) -> dict:
    """The RDF dataset of a query (SPARQL 1.1 Protocol, section 2.1.4): the graphs a request names,
    or else the union of the store's graphs as the default graph."""
    if not default_graph_uris and not named_graph_uris:
        return {"use_default_graph_as_union": True}
    options: dict = {"default_graph": [ox.NamedNode(uri) for uri in default_graph_uris] or [ox.DefaultGraph()]}
    if named_graph_uris:
        options["named_graphs"] = [ox.NamedNode(uri) for uri in named_graph_uris]
    return options


class EmbeddedStore(Store):
    def __init__(
        self,
        quads: Iterable[ox.Quad],
        version: str,
        graph_iri: str,
        path: Path | None = None,
        *,
        query_workers: int = 2,
        workers_in_memory: bool = True,
        timeout_s: float = 10.0,
        max_rows: int = 10_000,
        allowed_services: frozenset[str] = frozenset(),
    ):
        self._allowed_services = allowed_services
        self._own_directory = path is None
        directory = Path(tempfile.mkdtemp(prefix="casereviews-store-")) if path is None else Path(path)
        self.path = directory
        # The one reference to the open database, in a list that releasing empties: the database
        # closes (and its background threads stop writing) before its directory is removed.
        self._open: list[ox.Store] = [ox.Store(str(directory / "catalogue"))]
        self._store.clear()
        graph = ox.NamedNode(graph_iri)
        self._store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads)
        self._store.flush()
        self._version = version
        self._max_rows = max_rows
        self.triple_count = len(self._store)
        self._workers = (
            QueryWorkers(self._worker_copies(directory, query_workers), timeout_s, in_memory=workers_in_memory)
            if query_workers
            else None
        )
        self._cleanup = weakref.finalize(
            self, EmbeddedStore._release, self._workers, self._open, directory if self._own_directory else None
        )

    @property
    def _store(self) -> ox.Store:
        return self._open[0]

    def _worker_copies(self, directory: Path, count: int) -> list[str]:
        """A checkpoint of the store for each query worker: hard links to the same immutable files (no
        copy on disk), each opened by one worker as its own database, so that no worker reads files
        the store's background compaction may merge away, and each evaluates at the speed of a
        writable store (pyoxigraph is about three times slower on a read-only one)."""
        paths = []
        for number in range(1, count + 1):
            path = directory / f"query-worker-{number}"
            shutil.rmtree(path, ignore_errors=True)
            self._store.backup(str(path))
            paths.append(str(path))
        return paths

    @staticmethod
    def _release(workers: QueryWorkers | None, open_store: list[ox.Store], directory: Path | None) -> None:
        if workers is not None:
            workers.close()
        open_store.clear()
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)

    def close(self) -> None:
        self._cleanup()

    def query(
        self,
        sparql: str,
        *,
        base_iri: str | None = None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
    ) -> QueryResult:
        refuse_federation(sparql, self._allowed_services)
        try:
            answer = self._store.query(
                sparql, base_iri=base_iri, **dataset_options(default_graph_uris, named_graph_uris)
            )
            return to_result(answer)
        except (SyntaxError, OSError, ValueError, TypeError) as error:
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
        refuse_federation(sparql, self._allowed_services)
        formats, refusals = formats_by_kind(choose_format)
        job = QueryJob(
            sparql,
            base_iri,
            tuple(default_graph_uris),
            tuple(named_graph_uris),
            {kind: fmt.media_type if fmt else None for kind, fmt in formats.items()},
            self._max_rows,
        )
        if self._workers is None:
            raise QueryError("this store was built without query workers")
        try:
            body, _, kind = self._workers.run(job)
        except NotAcceptableKind as refusal:
            raise refusals[refusal.kind] from None
        return body, formats[kind]

    def data_version(self) -> str:
        return self._version
