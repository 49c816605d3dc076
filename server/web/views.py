"""View models for HTML pages: names and links a person can read, built from a document's triples."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..documents import Document
from ..iris import page_path_for_iri
from ..serialise import VOCABULARIES
from ..triples_index import TriplesIndex, local_name

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
S, DC, BIBO, SKOS = (VOCABULARIES[p] for p in ("schema", "dcterms", "bibo", "skos"))

PROPERTY_LABELS = {
    DC + "title": "Title",
    DC + "alternative": "Other title",
    DC + "abstract": "Abstract",
    DC + "description": "Description",
    DC + "issued": "Published",
    DC + "creator": "Creator",
    DC + "publisher": "Publisher",
    DC + "spatial": "Jurisdiction",
    DC + "type": "Resource type",
    DC + "subject": "Subject",
    DC + "source": "Source",
    DC + "replaces": "Replaces",
    DC + "isReplacedBy": "Replaced by",
    DC + "relation": "Related",
    DC + "format": "File format",
    DC + "identifier": "Identifier",
    BIBO + "authorList": "Authors",
    BIBO + "isbn13": "ISBN-13",
    BIBO + "number": "Number",
    S + "name": "Name",
    S + "isPartOf": "Part of",
    S + "pageStart": "First page",
    S + "pageEnd": "Last page",
    S + "url": "Web page",
    S + "reportNumber": "Report number",
    S + "isbn": "ISBN",
    S + "funder": "Funder",
    S + "bookEdition": "Edition",
    S + "validFrom": "In use from",
    S + "validThrough": "In use until",
    S + "familyName": "Family name",
    S + "givenName": "Given name",
    S + "affiliation": "Affiliation",
    S + "alternateName": "Also known as",
    S + "foundingDate": "Founded",
    S + "areaServed": "Area served",
    S + "parentOrganization": "Part of",
    S + "containedInPlace": "Within",
    S + "issueNumber": "Issue",
    S + "volumeNumber": "Volume",
    S + "numberOfItems": "Number of items",
    S + "hasPart": "Sections",
    SKOS + "prefLabel": "Preferred name",
    SKOS + "altLabel": "Also called",
    SKOS + "definition": "Definition",
    SKOS + "scopeNote": "Scope",
    SKOS + "note": "Note",
    SKOS + "editorialNote": "Editorial note",
    SKOS + "notation": "ONS GSS code",
    SKOS + "inScheme": "In scheme",
    SKOS + "broader": "Broader",
    SKOS + "narrower": "Narrower",
    SKOS + "related": "Related",
    SKOS + "closeMatch": "Equivalent in other nations",
    SKOS + "exactMatch": "Same place elsewhere",
    SKOS + "hasTopConcept": "Top concepts",
    SKOS + "topConceptOf": "Top concept of",
    "http://www.w3.org/2002/07/owl#sameAs": "Wikidata",
    "http://www.w3.org/2000/01/rdf-schema#comment": "Comment",
}
INVERSE_LABELS = {
    DC + "spatial": "Covered by",
    DC + "creator": "Works",
    DC + "publisher": "Published",
    DC + "subject": "Subject of",
    DC + "source": "Source of",
    DC + "type": "Resources of this type",
    SKOS + "inScheme": "Concepts",
    S + "isPartOf": "Contains",
    S + "item": "Listed in",
    S + "funder": "Funded",
    SKOS + "closeMatch": "Equivalent of",
    DC + "replaces": "Replaced",
    DC + "isReplacedBy": "Replaces",
    S + "affiliation": "Members",
    S + "areaServed": "Serves",
    SKOS + "broader": "Narrower",
    SKOS + "narrower": "Broader",
    S + "containedInPlace": "Contains",
    "http://www.w3.org/2000/01/rdf-schema#isDefinedBy": "Defines",
}
HIDDEN = {RDF_TYPE, RDFS_LABEL, S + "itemListElement", S + "itemListOrder", S + "position", S + "item"}


@dataclass
class Value:
    text: str
    href: str | None = None
    language: str | None = None


@dataclass
class Row:
    label: str
    values: list[Value] = field(default_factory=list)


@dataclass
class DocumentView:
    iri: str
    title: str
    types: list[str]
    rows: list[Row]
    inbound: list[Row]
    list_sections: list[tuple[str, list[tuple[int, Value]]]]
    schema_org_json: str
    meta: list[tuple[str, str]]
    page: int
    has_next_page: bool


def _href(base: str, iri: str) -> str:
    path = page_path_for_iri(base, iri)
    return "/" + path if path is not None else iri


def _value(index: TriplesIndex, base: str, term) -> Value:
    if isinstance(term, ox.NamedNode):
        return Value(index.label(term.value), _href(base, term.value))
    if isinstance(term, ox.Literal):
        return Value(term.value, language=term.language)
    return Value("(unnamed)")


def _year_of(index: TriplesIndex, iri: str) -> str | None:
    issued = index.first(iri, DC + "issued")
    return issued[:4] if issued else None


def _author_names(index: TriplesIndex, iri: str) -> list[tuple[str, str, str]]:
    """(display name, family name or organisation name, given names) in citation order."""
    list_head = index.out.get(iri, {}).get(BIBO + "authorList")
    agents = index.rdf_list(list_head[0]) if list_head else []
    names = []
    for agent in agents:
        family = index.first(agent.value, S + "familyName")
        given = index.first(agent.value, S + "givenName") or ""
        names.append((index.label(agent.value), family or index.label(agent.value), given))
    return names


def document_view(document: Document, base: str) -> DocumentView:
    index = TriplesIndex(document.triples)
    iri = document.iri
    own = index.out.get(iri, {})
    types = sorted(
        {index.label(t.value) if t.value in index.out else local_name(t.value) for t in own.get(RDF_TYPE, [])}
    )
    rows = []
    for predicate, objects in own.items():
        if predicate in HIDDEN:
            continue
        if predicate == BIBO + "authorList":
            values = [_value(index, base, a) for a in index.rdf_list(objects[0])]
        else:
            values = sorted((_value(index, base, o) for o in objects), key=lambda v: v.text)
        rows.append(Row(PROPERTY_LABELS.get(predicate, local_name(predicate)), values))
    rows.sort(key=lambda r: (r.label != "Title", r.label != "Authors", r.label))
    inbound = []
    for predicate, subjects in index.into.get(iri, {}).items():
        subjects = [s for s in subjects if not s.value.startswith(iri + "#")]
        if subjects:
            values = sorted((_value(index, base, s) for s in subjects), key=lambda v: v.text)
            inbound.append(Row(INVERSE_LABELS.get(predicate, f"Linked as {local_name(predicate).lower()} by"), values))
    inbound.sort(key=lambda r: r.label)
    sections = []
    for section in sorted(own.get(S + "hasPart", []), key=lambda s: int(index.first(s.value, S + "position") or 0)):
        items = []
        for item in index.out.get(section.value, {}).get(S + "itemListElement", []):
            position = int(index.first(item.value, S + "position") or 0)
            target = index.first(item.value, S + "item")
            if target:
                items.append((position, Value(index.label(target), _href(base, target))))
        sections.append((index.label(section.value), sorted(items, key=lambda p: p[0])))
    title = index.first(iri, DC + "title") or index.label(iri)
    return DocumentView(
        iri=iri,
        title=title,
        types=types,
        rows=rows,
        inbound=inbound,
        list_sections=sections,
        schema_org_json=_schema_org(index, iri, base),
        meta=_meta_tags(index, iri),
        page=document.page,
        has_next_page=document.has_next_page,
    )


def _schema_org(index: TriplesIndex, iri: str, base: str) -> str:
    """The thing's schema.org description, self-contained (no remote context to fetch)."""
    own = index.out.get(iri, {})
    types = [t.value[len(S) :] for t in own.get(RDF_TYPE, []) if t.value.startswith(S)]
    description: dict = {
        "@context": {"@vocab": S},
        "@id": iri,
        "@type": types or "Thing",
        "name": index.first(iri, DC + "title") or index.label(iri),
    }
    issued = index.first(iri, DC + "issued")
    if issued:
        description["datePublished"] = issued
    abstract = index.first(iri, DC + "abstract") or index.first(iri, DC + "description")
    if abstract:
        description["description"] = abstract
    authors = index.out.get(iri, {}).get(BIBO + "authorList")
    if authors:
        description["author"] = [{"@id": a.value, "name": index.label(a.value)} for a in index.rdf_list(authors[0])]
    publisher = index.first(iri, DC + "publisher")
    if publisher:
        description["publisher"] = {"@id": publisher, "name": index.label(publisher)}
    spatial = own.get(DC + "spatial", [])
    if spatial:
        description["spatialCoverage"] = [{"@id": p.value, "name": index.label(p.value)} for p in spatial]
    for key in ("pageStart", "pageEnd"):
        value = index.first(iri, S + key)
        if value:
            description[key] = value
    # Escaped so that no text in the data can end the script element or change how it is parsed.
    text = json.dumps(description, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _meta_tags(index: TriplesIndex, iri: str) -> list[tuple[str, str]]:
    """Dublin Core and Google Scholar citation meta tags, which Zotero and search engines read."""
    title = index.first(iri, DC + "title")
    if not title:
        return []
    meta = [("DC.title", title), ("citation_title", title)]
    for _, family, given in _author_names(index, iri):
        name = f"{family}, {given}".rstrip(", ")
        meta += [("DC.creator", name), ("citation_author", name)]
    issued = index.first(iri, DC + "issued")
    if issued:
        meta += [("DC.issued", issued), ("citation_publication_date", issued.replace("-", "/"))]
    publisher = index.first(iri, DC + "publisher")
    if publisher:
        meta += [("DC.publisher", index.label(publisher)), ("citation_publisher", index.label(publisher))]
    issue = index.first(iri, S + "isPartOf")
    if issue and index.first(issue, S + "issueNumber"):
        volume = index.first(issue, S + "isPartOf")
        journal = index.first(volume, S + "isPartOf") if volume else None
        if journal:
            meta.append(("citation_journal_title", index.label(journal)))
        meta += [
            ("citation_volume", index.first(volume, S + "volumeNumber") or ""),
            ("citation_issue", index.first(issue, S + "issueNumber") or ""),
            ("citation_firstpage", index.first(iri, S + "pageStart") or ""),
            ("citation_lastpage", index.first(iri, S + "pageEnd") or ""),
        ]
    return [(name, content) for name, content in meta if content]


def template_helpers(base: str) -> dict:
    """Functions templates may call: links to a dataset IRI's page, and year positions."""
    from ..comparison import fractional_year

    return {"href": lambda iri: _href(base, iri), "fractional_year": fractional_year}
