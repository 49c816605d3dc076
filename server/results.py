"""SPARQL results as bytes: rows to the SPARQL 1.1 Query Results JSON Format, and from it to XML,
CSV and TSV through pyoxigraph's own writers, so only the simplest format is written here."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pyoxigraph as ox

RESULT_FORMATS_BY_MEDIA_TYPE = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def term_json(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> dict:
    """One RDF term in the JSON results format (SPARQL 1.1 Query Results JSON, section 3.2.2)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        if term.language:
            return {"type": "literal", "value": term.value, "xml:lang": term.language}
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return {"type": "literal", "value": term.value}
        return {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    return {"type": "triple", "value": str(term)}


def solutions_json(variables: Sequence[str], rows: Sequence[Sequence]) -> bytes:
    bindings = [
        {name: term_json(value) for name, value in zip(variables, row, strict=True) if value is not None}
        for row in rows
    ]
    return json.dumps(
        {"head": {"vars": list(variables)}, "results": {"bindings": bindings}},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def boolean_json(value: bool) -> bytes:
    return json.dumps({"head": {}, "boolean": value}).encode("utf-8")


def convert_results(json_body: bytes, media_type: str) -> bytes:
    """SPARQL JSON results in another results format, written by pyoxigraph."""
    if media_type == "application/sparql-results+json":
        return json_body
    parsed = ox.parse_query_results(json_body, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULT_FORMATS_BY_MEDIA_TYPE[media_type])


def result_body(result, media_type: str) -> bytes:
    """A materialised SELECT or ASK answer (a QueryResult) in one of the results formats."""
    body = (
        boolean_json(bool(result.boolean))
        if result.kind == "boolean"
        else solutions_json(result.variables, result.rows)
    )
    return convert_results(body, media_type)
