"""The SPARQL 1.1 Service Description of the endpoint, as RDF."""

from __future__ import annotations

import pyoxigraph as ox

from ..negotiation import Format
from ..serialise import serialise_triples
from ..store.base import Store

TEMPLATE = """
@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

<sparql> a sd:Service ;
    rdfs:label "Case review guidance SPARQL endpoint"@en ;
    sd:endpoint <sparql> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
        <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/JSON-LD>,
        <http://www.w3.org/ns/formats/N-Triples>, <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset [
        a sd:Dataset ;
        sd:defaultGraph [ a sd:Graph ; void:triples {triples} ] ;
        sd:namedGraph [ a sd:NamedGraph ; sd:name <dataset> ; sd:graph [ a sd:Graph ; void:triples {triples} ] ]
    ] .
"""


def service_description(base: str, fmt: Format, triples: int) -> bytes:
    text = TEMPLATE.replace("{triples}", str(triples))
    parsed = [
        ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=base)
    ]
    return serialise_triples(parsed, fmt, base, f"{base}context.jsonld")


def count_triples(store: Store) -> int:
    (row,) = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(row["n"].value)
