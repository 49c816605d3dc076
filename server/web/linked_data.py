"""Linked-data documents: /id/ things answer 303 to their /doc/ documents; documents, /def/
vocabularies and the dumps negotiate Turtle, JSON-LD, N-Triples, RDF/XML and HTML."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import pyoxigraph as ox
from flask import Blueprint, Response, abort, current_app, redirect, render_template, request

from ..citations import (
    DEFAULT_LOCALE,
    DEFAULT_STYLE,
    LOCALES,
    STYLE_LABELS,
    STYLES,
    formatted_references,
    references,
    to_bibliography,
    to_bibtex,
    to_csl_json,
    to_ris,
    works_for,
)
from ..dataset import SHAPES_FILE, from_rdflib_graph, load_graph
from ..documents import Document, describe_resource
from ..iris import DEFINITION_PATH, DOCUMENT_PATH, THING_PATH, document_path
from ..negotiation import (
    BIBTEX,
    CATALOGUE_FORMATS,
    CITATION_FORMATS,
    CSL_JSON,
    DOCUMENT_FORMATS,
    HTML,
    RDF_FORMATS,
    RIS,
    Format,
    NotAcceptable,
    choose_format,
)
from ..representations import respond
from ..serialise import jsonld_context, serialise_triples
from . import common
from .dataset_description import dataset_description
from .views import document_view

blueprint = Blueprint("linked_data", __name__)

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _link_header(path: str, offered: tuple[Format, ...]) -> str:
    root = request.script_root
    return ", ".join(f'<{root}/{path}.{fmt.extension}>; rel="alternate"; type="{fmt.media_type}"' for fmt in offered)


def _page_number() -> int:
    raw = request.args.get("page", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        abort(400, description="page must be a whole number from 1")
    return int(raw)


def serve_triples(
    iri: str,
    path: str,
    key: tuple,
    make_triples: Callable[[], Document | None],
    extension: str | None,
    cites: bool = False,
) -> Response:
    """A negotiated answer for the triples ``make_triples`` gives, served at ``path``: RDF in every
    format, the HTML page, and (where ``cites``) citations of the works the document covers.
    ``make_triples`` returning None means 404."""
    offered = CATALOGUE_FORMATS if cites else DOCUMENT_FORMATS
    fmt, negotiated = choose_format(offered, request.headers.get("Accept"), extension, request.args.get("_format"))
    version = common.store().data_version()
    style, locale = citation_style()

    def make() -> tuple[bytes, str]:
        document = make_triples()
        if document is None:
            return b"", ""
        if fmt in CITATION_FORMATS:
            return citation_body(iri, fmt, style, locale), fmt.media_type
        if fmt is HTML:
            view = document_view(document, common.base())
            cite = cite_block(iri, path) if cites else None
            body = render_template("document.html", view=view, path=path, formats=RDF_FORMATS, cite=cite)
            return body.encode("utf-8"), fmt.media_type
        context_url = f"{common.base()}context.jsonld"
        return serialise_triples(document.triples, fmt, common.base(), context_url), fmt.media_type

    representation = common.representations().get_or_make((version, *key, fmt.name, style, locale), make)
    if not representation.media_type:
        abort(404, description=f"Nothing is known about {common.base()}{path}.")
    response = respond(request, representation, vary_accept=negotiated, max_age=common.settings().cache_max_age_s)
    response.headers["Link"] = _link_header(path, offered)
    if negotiated:
        response.headers["Content-Location"] = f"{request.script_root}/{path}.{fmt.extension}"
    return response


def citation_style() -> tuple[str, str]:
    style = request.args.get("style", DEFAULT_STYLE)
    locale = request.args.get("locale", DEFAULT_LOCALE)
    if style not in STYLES:
        abort(400, description=f"Unknown citation style {style!r}: use one of {', '.join(sorted(STYLES))}.")
    if locale not in LOCALES:
        abort(400, description=f"Unknown locale {locale!r}: use one of {', '.join(LOCALES)}.")
    return style, locale


def citation_body(iri: str, fmt: Format, style: str, locale: str) -> bytes:
    refs = references(common.store(), works_for(common.store(), iri), common.base())
    if not refs:
        raise NotAcceptable(DOCUMENT_FORMATS)
    if fmt is BIBTEX:
        return to_bibtex(refs)
    if fmt is RIS:
        return to_ris(refs)
    if fmt is CSL_JSON:
        return to_csl_json(refs)
    return to_bibliography(refs, style, locale)


def cite_block(iri: str, path: str) -> dict | None:
    """The page's "Cite" block: references in each style for a work, and downloads of the citations
    of every work the page covers."""
    store = common.store()
    works = works_for(store, iri)
    if not works:
        return None
    root = f"{request.script_root}/{path}"
    downloads = [(fmt.label, f"{root}.{fmt.extension}") for fmt in (BIBTEX, RIS, CSL_JSON)]
    if works != [iri]:
        return {"references": [], "downloads": downloads, "count": len(works)}
    refs = references(store, works, common.base())
    styled = [(label, formatted_references(refs, style)[0]) for style, label in STYLE_LABELS.items()]
    return {"references": styled, "downloads": downloads, "count": 1}


def serve_document(iri: str, path: str, extension: str | None) -> Response:
    """The document describing ``iri``, served at ``path`` in the negotiated format."""
    page = _page_number()

    def make() -> Document | None:
        document = describe_resource(common.store(), iri, page)
        return document if document.exists else None

    return serve_triples(iri, path, (iri, page), make, extension, cites=True)


@blueprint.get("/id/<kind>/<slug>")
def thing(kind: str, slug: str):
    match = THING_PATH.match(f"id/{kind}/{slug}")
    if not match:
        abort(404, description="No such identifier.")
    iri = common.base() + f"id/{kind}/{slug}"
    # The path matched THING_PATH, so the IRI holds only slug characters and is safe in a query.
    if not common.store().query(f"ASK {{ <{iri}> ?p ?o }}").boolean:
        abort(404, description=f"Nothing is known about {iri}.")
    location = f"{request.script_root}/{document_path(match['kind'], match['slug'])}"
    if request.query_string:
        location += "?" + request.query_string.decode("latin-1")
    response = redirect(location, code=303)
    response.headers["Vary"] = "Accept"
    return response


@blueprint.get("/doc/<kind>/<name>")
def document(kind: str, name: str):
    match = DOCUMENT_PATH.match(f"doc/{kind}/{name}")
    if not match:
        abort(404, description="No such document.")
    iri = common.base() + f"id/{match['kind']}/{match['slug']}"
    return serve_document(iri, document_path(match["kind"], match["slug"]), match["ext"])


@blueprint.get("/def/<name>")
def definition(name: str):
    match = DEFINITION_PATH.match(f"def/{name}")
    if not match:
        abort(404, description="No such vocabulary.")
    return serve_document(common.base() + f"def/{match['name']}", f"def/{match['name']}", match["ext"])


@blueprint.get("/context.jsonld")
def context():
    body = json.dumps({"@context": jsonld_context(common.base())}, indent=2).encode("utf-8")
    version = common.store().data_version()
    representation = common.representations().get_or_make((version, "context"), lambda: (body, "application/ld+json"))
    response = respond(request, representation, vary_accept=False, max_age=common.settings().cache_max_age_s)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@blueprint.get("/dataset.<extension>")
def dump(extension: str):
    fmt, _ = choose_format(RDF_FORMATS, None, extension)
    version = common.store().data_version()

    def make() -> tuple[bytes, str]:
        triples = common.store().dump()
        return serialise_triples(triples, fmt, common.base(), f"{common.base()}context.jsonld"), fmt.media_type

    representation = common.representations().get_or_make((version, "dump", fmt.name), make)
    response = respond(request, representation, vary_accept=False, max_age=common.settings().cache_max_age_s)
    response.headers["Content-Disposition"] = f'inline; filename="casereviews.{fmt.extension}"'
    return response


@blueprint.get("/dataset")
@blueprint.get("/dataset.html")
def dataset():
    def make() -> Document:
        validation = current_app.extensions["validation"]
        triples = dataset_description(common.store(), common.base(), validation.conforms)
        return Document(iri=f"{common.base()}dataset", triples=tuple(triples), page=1, has_next_page=False)

    return serve_triples(
        f"{common.base()}dataset", "dataset", ("dataset",), make, "html" if request.path.endswith(".html") else None
    )


@blueprint.get("/.well-known/void")
def well_known_void():
    """The VoID well-known location (VoID, section 7.2) leads to the dataset description."""
    return redirect(f"{request.script_root}/dataset", code=303)


@blueprint.get("/dataset/validation")
@blueprint.get("/dataset/validation.<extension>")
def validation(extension: str | None = None):
    report = current_app.extensions["validation"]
    iri = f"{common.base()}dataset/validation"

    def make() -> Document:
        renamed = report_triples(report.graph, iri)
        node = ox.NamedNode(iri)
        label = ox.Triple(
            node, ox.NamedNode(RDFS_LABEL), ox.Literal("SHACL validation report of the served data", language="en")
        )
        return Document(iri=iri, triples=(label, *renamed), page=1, has_next_page=False)

    if extension is None and _wants_html():
        return validation_page(report)
    return serve_triples(iri, "dataset/validation", ("validation",), make, extension)


def report_triples(graph, iri: str) -> list[ox.Triple]:
    """The engine's report under stable names: the report at ``iri`` and each result at a fragment
    named from its content, so that every process publishes the same bytes for the same data."""
    triples = from_rdflib_graph(graph)
    by_subject: dict = {}
    for t in triples:
        by_subject.setdefault(t.subject, []).append(t)
    names: dict = {}
    for t in triples:
        if t.predicate.value.endswith("#conforms"):
            names[t.subject] = ox.NamedNode(iri)
        if t.predicate.value == RDF_TYPE and t.object.value.endswith("#ValidationResult"):
            content = sorted(
                f"{x.predicate} {x.object}" for x in by_subject[t.subject] if not isinstance(x.object, ox.BlankNode)
            )
            digest = hashlib.sha256("\n".join(content).encode()).hexdigest()[:16]
            names[t.subject] = ox.NamedNode(f"{iri}#result-{digest}")
    return [ox.Triple(names.get(t.subject, t.subject), t.predicate, names.get(t.object, t.object)) for t in triples]


def _wants_html() -> bool:
    fmt, _ = choose_format(DOCUMENT_FORMATS, request.headers.get("Accept"), None, request.args.get("_format"))
    return fmt is HTML


def validation_page(report) -> Response:
    from ..validation import render_text

    body = render_template("validation.html", report=report, text=render_text(report), formats=RDF_FORMATS)
    response = Response(body, content_type="text/html; charset=utf-8")
    response.headers["Vary"] = "Accept"
    return response


@blueprint.get("/def/shapes")
@blueprint.get("/def/shapes.<extension>")
def shapes(extension: str | None = None):
    def make() -> Document:
        triples = from_rdflib_graph(load_graph([SHAPES_FILE], common.base()))
        label = ox.Triple(
            ox.NamedNode(f"{common.base()}def/shapes"),
            ox.NamedNode(RDFS_LABEL),
            ox.Literal("SHACL shapes of the catalogue", language="en"),
        )
        return Document(iri=f"{common.base()}def/shapes", triples=(label, *triples), page=1, has_next_page=False)

    return serve_triples(f"{common.base()}def/shapes", "def/shapes", ("shapes",), make, extension)
