"""The dataset's VoID and DCAT description: what it is, how big, where its dumps and endpoint are."""

from __future__ import annotations

import pyoxigraph as ox

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
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<dataset> a void:Dataset, dcat:Dataset ;
    rdfs:label "Case review guidance"@en ;
    dcterms:title "Case review guidance"@en ;
    dcterms:description "The NSPCC reading list on conducting a case review after the death or serious injury of a child (November 2013), with the review types and statutory guidance of England, Scotland, Wales and Northern Ireland, as linked data."@en ;
    dcterms:source <id/list/nspcc-case-review-reading-list-2013> ;
    void:triples {triples} ;
    void:entities {entities} ;
    void:sparqlEndpoint <sparql> ;
    void:dataDump <dataset.ttl>, <dataset.nt>, <dataset.jsonld>, <dataset.rdf> ;
    void:uriSpace "{base}id/" ;
    void:vocabulary <http://purl.org/dc/terms/>, <http://schema.org/>, <http://www.w3.org/2004/02/skos/core#>,
        <http://purl.org/ontology/bibo/>, <def/casereviews> ;
    void:exampleResource <id/list/nspcc-case-review-reading-list-2013>, <id/jurisdiction/wales>,
        <id/review-type/child-practice-review> ;
    dcat:distribution [ a dcat:Distribution ; dcat:downloadURL <dataset.ttl> ; dcat:mediaType "text/turtle" ] .
"""


def dataset_counts(store: Store, base: str) -> dict[str, int]:
    (row,) = store.select(COUNTS_QUERY, base)
    return {name: int(value.value) for name, value in row.items()}


def dataset_description(store: Store, base: str) -> list[ox.Triple]:
    counts = dataset_counts(store, base)
    entities = counts["resources"] + counts["organisations"] + counts["people"] + counts["review_types"]
    text = TEMPLATE.replace("{triples}", str(counts["triples"])).replace("{entities}", str(entities))
    text = text.replace("{base}", base)
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=base)]
