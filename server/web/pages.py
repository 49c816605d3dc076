"""Pages for people: the home page (which negotiates: HTML, or the dataset description as RDF)."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request

from ..comparison import compare_nations, timeline
from ..documents import describe_resource
from ..negotiation import DOCUMENT_FORMATS, HTML, RDF_FORMATS, choose_format
from ..representations import respond
from ..serialise import serialise_triples
from . import common
from .dataset_description import dataset_counts, dataset_description
from .views import document_view

blueprint = Blueprint("pages", __name__)

NATIONS = ("england", "scotland", "wales", "northern-ireland")

NATION_QUERY = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <http://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX cr: <def/casereviews#>
SELECT ?nation ?name (COUNT(DISTINCT ?work) AS ?resources) (COUNT(DISTINCT ?rt) AS ?review_types) WHERE {
  ?nation skos:inScheme <def/jurisdictions> ; skos:prefLabel ?name ; skos:broader ?uk .
  OPTIONAL { ?work dcterms:spatial ?nation ; a schema:CreativeWork }
  OPTIONAL { ?rt dcterms:spatial ?nation ; a cr:ReviewType }
} GROUP BY ?nation ?name ORDER BY ?name"""


def _home_html() -> bytes:
    store, base = common.store(), common.base()
    list_iri = f"{base}id/list/nspcc-case-review-reading-list-2013"
    view = document_view(describe_resource(store, list_iri), base)
    nations = []
    for row in store.select(NATION_QUERY, base):
        nations.append(
            {
                "name": row["name"].value,
                "href": "/doc/" + row["nation"].value[len(base) + 3 :],
                "resources": int(row["resources"].value),
                "review_types": int(row["review_types"].value),
            }
        )
    body = render_template(
        "home.html",
        list_title=view.title,
        sections=view.list_sections,
        nations=nations,
        counts=dataset_counts(store, base),
        list_href="/doc/list/nspcc-case-review-reading-list-2013",
        formats=RDF_FORMATS,
    )
    return body.encode("utf-8")


@blueprint.get("/")
def home():
    fmt, negotiated = choose_format(DOCUMENT_FORMATS, request.headers.get("Accept"), None, request.args.get("_format"))
    store, base = common.store(), common.base()

    def make() -> tuple[bytes, str]:
        if fmt is HTML:
            return _home_html(), fmt.media_type
        triples = dataset_description(store, base, current_app.extensions["validation"].conforms)
        return serialise_triples(triples, fmt, base, f"{base}context.jsonld"), fmt.media_type

    representation = common.representations().get_or_make((store.data_version(), "home", fmt.name), make)
    response = respond(request, representation, vary_accept=negotiated, max_age=common.settings().cache_max_age_s)
    response.headers["Link"] = ", ".join(
        f'<{request.script_root}/dataset.{f.extension}>; rel="alternate"; type="{f.media_type}"' for f in RDF_FORMATS
    )
    return response


def _comparison_key(name: str) -> tuple:
    return (common.store().data_version(), "compare", name)


@blueprint.get("/compare")
def compare():
    def make() -> tuple[bytes, str]:
        columns = compare_nations(common.store(), common.base())
        body = render_template("compare.html", columns=columns, picture=timeline(columns), base=common.base())
        return body.encode("utf-8"), "text/html"

    representation = common.representations().get_or_make(_comparison_key("html"), make)
    return respond(request, representation, vary_accept=False, max_age=common.settings().cache_max_age_s)


@blueprint.get("/compare/timeline.svg")
def timeline_picture():
    def make() -> tuple[bytes, str]:
        columns = compare_nations(common.store(), common.base())
        body = render_template("timeline.svg", picture=timeline(columns), base=common.base(), standalone=True)
        return body.encode("utf-8"), "image/svg+xml"

    representation = common.representations().get_or_make(_comparison_key("svg"), make)
    return respond(request, representation, vary_accept=False, max_age=common.settings().cache_max_age_s)
