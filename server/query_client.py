"""Running one query for the command line: against the embedded store, or any SPARQL endpoint
through SPARQLWrapper; and writing its answer as a table, CSV, TSV, JSON or Turtle."""

from __future__ import annotations

import urllib.error
from collections.abc import Sequence

import pyoxigraph as ox
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .results import result_body
from .serialise import all_prefixes
from .store.base import QueryError, QueryResult, StoreUnavailable


def run_remote(endpoint: str, sparql: str, timeout_s: float = 60.0) -> QueryResult:
    """Raises QueryError for a query the endpoint rejects, StoreUnavailable when it cannot be reached."""
    client = SPARQLWrapper(endpoint)
    client.setQuery(sparql)
    client.setTimeout(int(timeout_s))
    graph_query = client.queryType in ("CONSTRUCT", "DESCRIBE")
    client.setReturnFormat(TURTLE if graph_query else JSON)
    try:
        response = client.query()
        body = response.response.read()
    except SPARQLWrapperException as error:
        raise QueryError(str(error).strip()) from None
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()
        if 400 <= error.code < 500:
            raise QueryError(f"HTTP {error.code}: {detail}") from None
        raise StoreUnavailable(f"{endpoint} answered HTTP {error.code}: {detail}") from None
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        raise StoreUnavailable(f"cannot reach {endpoint}: {reason}") from None
    if graph_query:
        triples = tuple(
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(body, format=ox.RdfFormat.TURTLE, base_iri=endpoint)
        )
        return QueryResult(kind="graph", triples=triples)
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    if isinstance(parsed, ox.QueryBoolean):
        return QueryResult(kind="boolean", boolean=bool(parsed))
    variables = tuple(v.value for v in parsed.variables)
    return QueryResult(
        kind="solutions", variables=variables, rows=tuple(tuple(s[name] for name in variables) for s in parsed)
    )


def _short(term, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in prefixes.items():
            if term.value.startswith(namespace) and term.value != namespace:
                return f"{prefix}:{term.value[len(namespace) :]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def format_result(result: QueryResult, output_format: str, base: str) -> bytes:
    """The answer in one of the command's output formats; raises QueryError when the two do not fit."""
    if result.kind == "graph":
        if output_format == "turtle":
            return ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=all_prefixes(base))
        if output_format == "table":
            prefixes = all_prefixes(base)
            rows = [
                [_short(t.subject, prefixes), _short(t.predicate, prefixes), _short(t.object, prefixes)]
                for t in result.triples
            ]
            return _table(["subject", "predicate", "object"], rows).encode("utf-8")
        if output_format == "nt":
            return ox.serialize(result.triples, format=ox.RdfFormat.N_TRIPLES)
        raise QueryError(
            f"a CONSTRUCT or DESCRIBE answer is triples: use --format turtle, nt or table, not {output_format}"
        )
    if output_format in ("turtle", "nt"):
        raise QueryError(f"--format {output_format} is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json")
    media_types = {"json": "application/sparql-results+json", "csv": "text/csv", "tsv": "text/tab-separated-values"}
    if output_format in media_types:
        return result_body(result, media_types[output_format])
    if result.kind == "boolean":
        return ("yes\n" if result.boolean else "no\n").encode("utf-8")
    prefixes = all_prefixes(base)
    rows = [[_short(term, prefixes) for term in row] for row in result.rows]
    return _table(list(result.variables), rows).encode("utf-8")
