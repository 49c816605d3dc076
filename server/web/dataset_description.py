"""The dataset's VoID and DCAT description: the maintainers' statements about the catalogue (from
data/catalogue.ttl) plus what the server knows of the data it actually serves: counts, dumps, the
endpoint, the vocabularies, and the SHACL report of exactly that data."""

from __future__ import annotations

import pyoxigraph as ox

from ..documents import describe_resource
from ..store.base import Store

COUNTS_QUERY = """PREFIX schema: <http://schema.org/>
PREFIX cr: <def/casereviews#>
SELECT
  (COUNT(*) AS ?triples)
  (SUM(IF(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && ?o = schema:CreativeWork, 1, 0)) AS ?resources)
  (SUM(IF(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && ?o = schema:Organization, 1, 0)) AS ?organisations)
  (SUM(IF(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && ?o = schema:Person, 1, 0)) AS ?people)
  (SUM(IF(?p = <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> && ?o = cr:ReviewType, 1, 0)) AS ?review_types)
WHERE { ?s ?p ?o }"""

TEMPLATE = """
@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<dataset> void:triples {triples} ;
    void:entities {entities} ;
    void:sparqlEndpoint <sparql> ;
    void:dataDump <dataset.ttl>, <dataset.nt>, <dataset.jsonld>, <dataset.rdf> ;
    void:uriSpace "{base}id/" ;
    void:vocabulary <http://purl.org/dc/terms/>, <http://schema.org/>, <http://www.w3.org/2004/02/skos/core#>,
        <http://purl.org/ontology/bibo/>, <def/casereviews> ;
    void:exampleResource <id/list/nspcc-case-review-reading-list-2013>, <id/jurisdiction/wales>,
        <id/review-type/child-practice-review>, <id/resource/what-do-serious-case-reviews-achieve-2012> ;
    dcterms:conformsTo <def/shapes> ;
    rdfs:seeAlso <dataset/validation> ;
    dcat:distribution <dataset.ttl>, <dataset.nt>, <dataset.jsonld>, <dataset.rdf> .

<dataset.ttl> a dcat:Distribution ; rdfs:label "The dataset as Turtle"@en ; dcat:downloadURL <dataset.ttl> ; dcat:mediaType "text/turtle" .
<dataset.nt> a dcat:Distribution ; rdfs:label "The dataset as N-Triples"@en ; dcat:downloadURL <dataset.nt> ; dcat:mediaType "application/n-triples" .
<dataset.jsonld> a dcat:Distribution ; rdfs:label "The dataset as JSON-LD"@en ; dcat:downloadURL <dataset.jsonld> ; dcat:mediaType "application/ld+json" .
<dataset.rdf> a dcat:Distribution ; rdfs:label "The dataset as RDF/XML"@en ; dcat:downloadURL <dataset.rdf> ; dcat:mediaType "application/rdf+xml" .
<sparql> rdfs:label "SPARQL endpoint"@en .
<dataset/validation> a sh:ValidationReport ; rdfs:label "SHACL validation report of the served data"@en ; sh:conforms {conforms} .
<def/shapes> rdfs:label "SHACL shapes of the catalogue"@en .
"""


def dataset_counts(store: Store, base: str) -> dict[str, int]:
    (row,) = store.select(COUNTS_QUERY, base)
    return {name: int(value.value) for name, value in row.items()}


def dataset_description(store: Store, base: str, conforms: bool) -> list[ox.Triple]:
    counts = dataset_counts(store, base)
    entities = counts["resources"] + counts["organisations"] + counts["people"] + counts["review_types"]
    text = (
        TEMPLATE.replace("{triples}", str(counts["triples"]))
        .replace("{entities}", str(entities))
        .replace("{base}", base)
        .replace("{conforms}", "true" if conforms else "false")
    )
    generated = [
        ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=base)
    ]
    return list(dict.fromkeys((*describe_resource(store, f"{base}dataset").triples, *generated)))
