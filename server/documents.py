"""What a document holds: the thing's own triples, the names and types of everything it links to,
and the things that point at it, a page at a time.

The thing's own triples are its concise bounded description, widened to the hash IRIs inside its
document (a list's items and sections, an ontology's terms) and to the RDF lists hanging off them
(authors in order), and to what it is part of (a journal article's issue, volume and journal), so
that one document answers everything about what its IRI names and how to cite it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from .store.base import Store

INBOUND_PAGE_SIZE = 100

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
"""


def _iri(value: str) -> str:
    # Dataset IRIs are built from validated path segments; the check keeps a hostile string from
    # ever reaching a query as anything but an IRI.
    if any(c in value for c in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def _string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def description_query(iri: str) -> str:
    # Shapes matter at scale: every group starts from the bound IRI, and names and types come from one
    # triple pattern on the bound ?x, not a union, so the engine never scans the whole store (a union
    # of per-type patterns joined afterwards took 46 s at 100k documents; this takes milliseconds).
    node, hash_prefix = _iri(iri), _string(iri + "#")
    return (
        PREFIXES
        + f"""CONSTRUCT {{ ?s ?p ?o . ?x ?lp ?lo . }}
WHERE {{
  {{
    {{ {node} ?p ?o . BIND({node} AS ?s) }}
    UNION {{ {node} ?p0 ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), {hash_prefix})) ?s ?p ?o }}
    UNION {{ ?s ?p0 {node} . FILTER(isIRI(?s) && STRSTARTS(STR(?s), {hash_prefix})) ?s ?p ?o }}
    UNION {{ {node} ?p0 ?l . FILTER(isBlank(?l)) ?l rdf:rest* ?s . ?s ?p ?o }}
    UNION {{ {node} <http://schema.org/isPartOf>+ ?s . FILTER(isIRI(?s)) ?s ?p ?o }}
  }} UNION {{
    {{ {node} ?p1 ?x }}
    UNION {{ {node} ?p1 ?h . FILTER(isIRI(?h) && STRSTARTS(STR(?h), {hash_prefix})) ?h ?p2 ?x }}
    UNION {{ ?h ?p1 {node} . FILTER(isIRI(?h) && STRSTARTS(STR(?h), {hash_prefix})) ?h ?p2 ?x }}
    UNION {{ {node} ?p1 ?l . FILTER(isBlank(?l)) ?l rdf:rest*/rdf:first ?x }}
    FILTER(isIRI(?x))
    ?x ?lp ?lo . FILTER(?lp IN (rdf:type, rdfs:label, schema:familyName, schema:givenName))
  }}
}}"""
    )


def inbound_query(iri: str, offset: int, limit: int) -> str:
    node, hash_prefix = _iri(iri), _string(iri + "#")
    return f"""SELECT ?s ?p WHERE {{
  ?s ?p {node} . FILTER(isIRI(?s) && !STRSTARTS(STR(?s), {hash_prefix}))
}} ORDER BY ?s ?p LIMIT {limit} OFFSET {offset}"""


def labels_query(iris: list[ox.NamedNode]) -> str:
    values = " ".join(_iri(i.value) for i in iris)
    return (
        PREFIXES
        + f"""CONSTRUCT {{ ?x ?lp ?lo . }}
WHERE {{ VALUES ?x {{ {values} }} ?x ?lp ?lo . FILTER(?lp IN (rdf:type, rdfs:label)) }}"""
    )


@dataclass(frozen=True)
class Document:
    iri: str
    triples: tuple[ox.Triple, ...]
    page: int
    has_next_page: bool

    @property
    def exists(self) -> bool:
        subject = ox.NamedNode(self.iri)
        return any(t.subject == subject for t in self.triples)


def describe_resource(store: Store, iri: str, page: int = 1, page_size: int = INBOUND_PAGE_SIZE) -> Document:
    """The document for ``iri``: empty (``exists`` false) when the dataset says nothing about it."""
    own = store.construct(description_query(iri))
    offset = (page - 1) * page_size
    inbound = store.select(inbound_query(iri, offset, page_size + 1))
    has_next = len(inbound) > page_size
    inbound = inbound[:page_size]
    target = ox.NamedNode(iri)
    pointing = [ox.Triple(row["s"], row["p"], target) for row in inbound]
    sources = sorted({row["s"] for row in inbound}, key=lambda n: n.value)
    labels = store.construct(labels_query(sources)) if sources else ()
    triples = tuple(dict.fromkeys((*own, *pointing, *labels)))
    return Document(iri=iri, triples=triples, page=page, has_next_page=has_next)
