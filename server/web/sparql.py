"""The SPARQL 1.1 Protocol endpoint at /sparql, read-only.

Query forms (Protocol, section 2.1): GET with ``query=``, POST of an HTML form, POST of
``application/sparql-query``; ``default-graph-uri`` and ``named-graph-uri`` are honoured. Results are
negotiated by Accept or a ``format`` parameter. Updates are refused and change nothing.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from ..negotiation import HTML, RDF_FORMATS, RESULT_FORMATS, Format, choose_format
from ..query_library import example_queries
from ..representations import respond
from ..serialise import all_prefixes
from ..store.base import QueryError, QueryRefused
from ..store.query_worker import TooManyRows
from . import common
from .errors import error_response
from .service_description import count_triples, service_description

blueprint = Blueprint("sparql", __name__)

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type, Cache-Control",
    "Access-Control-Max-Age": "86400",
}


@blueprint.after_request
def allow_other_origins(response: Response) -> Response:
    if request.path.endswith("/sparql"):
        response.headers.update(CORS_HEADERS)
    return response


def _read_request() -> tuple[str | None, list[str], list[str]]:
    """The query and dataset of a protocol request; refuses updates (Protocol, section 2.2)."""
    content_type = (request.mimetype or "").lower()
    if content_type == "application/sparql-update" or "update" in request.values:
        abort(403, description="This endpoint is read-only: SPARQL Update is not accepted, and nothing was changed.")
    if request.method == "POST" and content_type == "application/sparql-query":
        try:
            query = request.get_data().decode("utf-8")
        except UnicodeDecodeError:
            abort(400, description="The query is not valid UTF-8.")
        return query, request.args.getlist("default-graph-uri"), request.args.getlist("named-graph-uri")
    if request.method == "POST" and content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        abort(
            415,
            description="POST a query as application/x-www-form-urlencoded (query=...) or as application/sparql-query.",
        )
    queries = request.values.getlist("query")
    if len(queries) > 1:
        abort(400, description="Give exactly one query parameter.")
    return (
        (queries[0] if queries else None),
        request.values.getlist("default-graph-uri"),
        request.values.getlist("named-graph-uri"),
    )


def _format_for(kind: str) -> Format:
    offered = RDF_FORMATS if kind == "graph" else RESULT_FORMATS
    fmt, _ = choose_format(offered, request.headers.get("Accept"), None, request.values.get("format"))
    return fmt


@blueprint.route("/sparql", methods=["GET", "POST"], provide_automatic_options=False)
def endpoint():
    query, default_graphs, named_graphs = _read_request()
    limit = common.settings().max_request_bytes
    if query is not None and len(query.encode("utf-8")) > limit:
        abort(413, description=f"The query is longer than this endpoint accepts ({limit} bytes).")
    if query is None:
        return _describe_service()
    if not query.strip():
        abort(400, description="The query is empty.")
    store = common.store()
    version = store.data_version()
    key = (
        version,
        "sparql",
        query,
        tuple(default_graphs),
        tuple(named_graphs),
        request.headers.get("Accept"),
        request.values.get("format"),
    )

    def make() -> tuple[bytes, str]:
        body, fmt = store.query_serialised(
            query, _format_for, base_iri=common.base(), default_graph_uris=default_graphs, named_graph_uris=named_graphs
        )
        return body, fmt.media_type

    try:
        representation = common.representations().get_or_make(key, make)
    except QueryError as error:
        return error_response(400, "Malformed query", str(error))
    except TooManyRows as error:
        return error_response(422, "Result too large", str(error))
    except QueryRefused as error:
        return error_response(403, "Query refused", str(error))
    return respond(request, representation, max_age=common.settings().cache_max_age_s)


@blueprint.route("/sparql", methods=["OPTIONS"])
def preflight():
    return Response(status=204)


def _describe_service() -> Response:
    """Service Description (SPARQL 1.1 Service Description, section 2) for data clients; the query
    page for people."""
    accept = request.headers.get("Accept")
    fmt, _ = choose_format((*RDF_FORMATS, HTML), accept, None, request.values.get("format"))
    if fmt is HTML:
        body = render_template(
            "sparql.html",
            prefixes=all_prefixes(common.base()),
            examples=example_queries(),
            endpoint=f"{common.base()}sparql",
            base=common.base(),
            result_formats=RESULT_FORMATS,
            graph_formats=RDF_FORMATS,
        )
        return Response(body, content_type="text/html; charset=utf-8")
    version = common.store().data_version()
    representation = common.representations().get_or_make(
        (version, "service-description", fmt.name),
        lambda: (service_description(common.base(), fmt, count_triples(common.store())), fmt.media_type),
    )
    return respond(request, representation, max_age=common.settings().cache_max_age_s)
