"""Serialisation as pure functions: triples and a format in, bytes out.

JSON-LD is compacted against the one published context (served at {base}context.jsonld) so that
keys are short ("title", "creator") rather than full IRIs; a JSON-LD processor given that context
expands the document to exactly the triples of the Turtle form.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox
import rdflib

from .dataset import to_rdflib_graph
from .negotiation import JSON_LD, N_TRIPLES, RDF_XML, TURTLE, Format

VOCABULARIES = {
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "bibo": "http://purl.org/ontology/bibo/",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "sd": "http://www.w3.org/ns/sparql-service-description#",
    "vann": "http://purl.org/vocab/vann/",
}

# Short JSON-LD keys: (key, CURIE, whether values are IRIs, whether values form an ordered list).
TERMS = [
    ("label", "rdfs:label", False, False),
    ("comment", "rdfs:comment", False, False),
    ("title", "dcterms:title", False, False),
    ("alternative", "dcterms:alternative", False, False),
    ("abstract", "dcterms:abstract", False, False),
    ("description", "dcterms:description", False, False),
    ("issued", "dcterms:issued", False, False),
    ("creator", "dcterms:creator", True, False),
    ("publisher", "dcterms:publisher", True, False),
    ("spatial", "dcterms:spatial", True, False),
    ("resourceType", "dcterms:type", True, False),
    ("subject", "dcterms:subject", True, False),
    ("source", "dcterms:source", True, False),
    ("replaces", "dcterms:replaces", True, False),
    ("isReplacedBy", "dcterms:isReplacedBy", True, False),
    ("relation", "dcterms:relation", True, False),
    ("format", "dcterms:format", False, False),
    ("identifier", "dcterms:identifier", False, False),
    ("authorList", "bibo:authorList", True, True),
    ("isbn13", "bibo:isbn13", False, False),
    ("prefLabel", "skos:prefLabel", False, False),
    ("altLabel", "skos:altLabel", False, False),
    ("definition", "skos:definition", False, False),
    ("scopeNote", "skos:scopeNote", False, False),
    ("note", "skos:note", False, False),
    ("editorialNote", "skos:editorialNote", False, False),
    ("notation", "skos:notation", False, False),
    ("inScheme", "skos:inScheme", True, False),
    ("topConceptOf", "skos:topConceptOf", True, False),
    ("hasTopConcept", "skos:hasTopConcept", True, False),
    ("broader", "skos:broader", True, False),
    ("narrower", "skos:narrower", True, False),
    ("related", "skos:related", True, False),
    ("closeMatch", "skos:closeMatch", True, False),
    ("exactMatch", "skos:exactMatch", True, False),
    ("sameAs", "owl:sameAs", True, False),
    ("name", "schema:name", False, False),
    ("alternateName", "schema:alternateName", False, False),
    ("familyName", "schema:familyName", False, False),
    ("givenName", "schema:givenName", False, False),
    ("honorificPrefix", "schema:honorificPrefix", False, False),
    ("affiliation", "schema:affiliation", True, False),
    ("parentOrganization", "schema:parentOrganization", True, False),
    ("funder", "schema:funder", True, False),
    ("foundingDate", "schema:foundingDate", False, False),
    ("areaServed", "schema:areaServed", True, False),
    ("containedInPlace", "schema:containedInPlace", True, False),
    ("isPartOf", "schema:isPartOf", True, False),
    ("hasPart", "schema:hasPart", True, False),
    ("issueNumber", "schema:issueNumber", False, False),
    ("volumeNumber", "schema:volumeNumber", False, False),
    ("pageStart", "schema:pageStart", False, False),
    ("pageEnd", "schema:pageEnd", False, False),
    ("reportNumber", "schema:reportNumber", False, False),
    ("isbn", "schema:isbn", False, False),
    ("bookEdition", "schema:bookEdition", False, False),
    ("url", "schema:url", True, False),
    ("validFrom", "schema:validFrom", False, False),
    ("validThrough", "schema:validThrough", False, False),
    ("itemListElement", "schema:itemListElement", True, False),
    ("itemListOrder", "schema:itemListOrder", True, False),
    ("numberOfItems", "schema:numberOfItems", False, False),
    ("position", "schema:position", False, False),
    ("item", "schema:item", True, False),
    ("datePublished", "schema:datePublished", False, False),
    ("dateModified", "schema:dateModified", False, False),
    ("isDefinedBy", "rdfs:isDefinedBy", True, False),
]


LIST_KEYS = frozenset({"@list", *(key for key, _, _, is_list in TERMS if is_list)})


def canonical_order(value, list_keys: frozenset = LIST_KEYS, key: str | None = None):
    """The same JSON for the same graph in every process: rdflib orders nodes and values as its
    sets happen to iterate, so unordered arrays are sorted; ordered lists keep their order."""
    if isinstance(value, dict):
        return {k: canonical_order(v, list_keys, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [canonical_order(v, list_keys) for v in value]
        if key in list_keys:
            return items
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def dataset_prefixes(base: str) -> dict[str, str]:
    """Prefixes for the dataset's own IRIs under this base, for Turtle and the query editor."""
    return {
        "cr": f"{base}def/casereviews#",
        "res": f"{base}id/resource/",
        "list": f"{base}id/list/",
        "org": f"{base}id/organisation/",
        "person": f"{base}id/person/",
        "jur": f"{base}id/jurisdiction/",
        "rt": f"{base}id/review-type/",
        "concept": f"{base}id/concept/",
        "src": f"{base}id/source/",
    }


def all_prefixes(base: str) -> dict[str, str]:
    return {**VOCABULARIES, **dataset_prefixes(base)}


def jsonld_context(base: str) -> dict:
    """The published JSON-LD context: prefixes, short keys, and "id"/"type" for "@id"/"@type"."""
    context: dict = {"id": "@id", "type": "@type", **all_prefixes(base)}
    for key, curie, is_iri, is_list in TERMS:
        definition: dict = {"@id": curie}
        if is_iri:
            definition["@type"] = "@id"
        if is_list:
            definition["@container"] = "@list"
        context[key] = definition
    return context


def _rdflib_graph(triples: Iterable[ox.Triple], base: str) -> rdflib.Graph:
    graph = to_rdflib_graph(triples)
    for prefix, namespace in all_prefixes(base).items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def serialise_triples(triples: Iterable[ox.Triple], fmt: Format, base: str, context_url: str | None = None) -> bytes:
    """Bytes of the triples in one of the RDF formats."""
    triples = list(triples)
    if fmt is N_TRIPLES:
        return "".join(f"{t} .\n" for t in sorted(triples, key=str)).encode("utf-8")
    graph = _rdflib_graph(triples, base)
    if fmt is TURTLE:
        return graph.serialize(format="turtle", encoding="utf-8")
    if fmt is RDF_XML:
        # rdflib's pretty-xml writer sometimes loses list structure (rdf:parseType="Collection");
        # the plain writer is lossless.
        return graph.serialize(format="xml", encoding="utf-8")
    if fmt is JSON_LD:
        context = jsonld_context(base)
        document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        # Point at the published context instead of repeating it in every document.
        document["@context"] = context_url or context
        document = canonical_order(document, LIST_KEYS)
        return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8")
    raise ValueError(f"not an RDF format: {fmt.media_type}")
