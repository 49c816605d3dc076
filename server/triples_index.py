"""A small in-memory index over a document's triples: values by subject and predicate, what points
at a node, names for IRIs, and RDF lists in order."""

from __future__ import annotations

import re
from collections import defaultdict

import pyoxigraph as ox

RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
RDF_NIL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SCHEMA_NAME = "http://schema.org/name"
EXTERNAL_NAMES = [
    (re.compile(r"^http://www\.wikidata\.org/entity/(Q\d+)$"), "Wikidata {}"),
    (re.compile(r"^http://statistics\.data\.gov\.uk/id/statistical-geography/(\w+)$"), "ONS statistical geography {}"),
    (re.compile(r"^http://sws\.geonames\.org/(\d+)/$"), "GeoNames {}"),
    (re.compile(r"^https?://([^/]+)"), "{}"),
]


def local_name(iri: str) -> str:
    name = re.split(r"[#/]", iri.rstrip("/"))[-1]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).capitalize()


def external_name(iri: str) -> str:
    for pattern, template in EXTERNAL_NAMES:
        match = pattern.match(iri)
        if match:
            return template.format(match.group(1))
    return local_name(iri)


class TriplesIndex:
    """Triples indexed by subject and by object, for building views and citations from a document."""

    def __init__(self, triples: tuple[ox.Triple, ...]):
        self.out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.into: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for t in triples:
            s = t.subject.value
            self.out[s][t.predicate.value].append(t.object)
            if isinstance(t.object, ox.NamedNode):
                self.into[t.object.value][t.predicate.value].append(t.subject)

    def first(self, subject: str, predicate: str) -> str | None:
        values = self.out.get(subject, {}).get(predicate)
        return values[0].value if values else None

    def label(self, iri: str) -> str:
        return self.first(iri, RDFS_LABEL) or self.first(iri, SCHEMA_NAME) or external_name(iri)

    def rdf_list(self, node) -> list:
        items, seen = [], set()
        while node is not None and node.value != RDF_NIL and node.value not in seen:
            seen.add(node.value)
            first = self.out.get(node.value, {}).get(RDF_FIRST)
            if first:
                items.append(first[0])
            rest = self.out.get(node.value, {}).get(RDF_REST)
            node = rest[0] if rest else None
        return items
