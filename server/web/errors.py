"""Errors in the client's own terms: a readable page for a browser, a machine-readable body for a
data client. No traceback ever reaches a client; every 5xx is logged with a request id that the
response carries."""

from __future__ import annotations

import json
import logging
import uuid

import pyoxigraph as ox
from flask import Flask, Response, g, has_request_context, render_template, request
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotAcceptable as HTTPNotAcceptable

from ..negotiation import DOCUMENT_FORMATS, HTML, JSON_LD, RDF_FORMATS, NotAcceptable, negotiate
from ..store.base import StoreUnavailable
from ..store.query_worker import QueryTimeout

log = logging.getLogger("casereviews")

ERROR_FORMATS = (*DOCUMENT_FORMATS,)


def _rdf_error(status: int, title: str, message: str, fmt, request_id: str | None) -> bytes:
    """The error as RDF, in the W3C HTTP vocabulary, for a client that asked for RDF."""
    http = "http://www.w3.org/2011/http#"
    node = ox.BlankNode("error")
    integer = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    triples = [
        ox.Triple(
            node, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(http + "Response")
        ),
        ox.Triple(node, ox.NamedNode(http + "statusCodeValue"), ox.Literal(str(status), datatype=integer)),
        ox.Triple(node, ox.NamedNode(http + "reasonPhrase"), ox.Literal(title)),
        ox.Triple(
            node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"), ox.Literal(message, language="en")
        ),
    ]
    if request_id:
        triples.append(ox.Triple(node, ox.NamedNode("http://purl.org/dc/terms/identifier"), ox.Literal(request_id)))
    return ox.serialize(triples, format=ox.RdfFormat.from_media_type(fmt.media_type))


def error_response(
    status: int, title: str, message: str, request_id: str | None = None, offered: tuple = ()
) -> Response:
    request_id = request_id or (getattr(g, "request_id", None) if has_request_context() else None)
    try:
        fmt = negotiate(request.headers.get("Accept"), ERROR_FORMATS)
    except NotAcceptable:
        fmt = None
    if fmt in RDF_FORMATS and fmt is not JSON_LD:
        response = Response(
            _rdf_error(status, title, message, fmt, request_id),
            status=status,
            content_type=f"{fmt.media_type}; charset=utf-8",
        )
    elif fmt is HTML:
        body = render_template("error.html", status=status, title=title, message=message, request_id=request_id)
        response = Response(body, status=status, content_type="text/html; charset=utf-8")
    elif fmt is JSON_LD or (request.accept_mimetypes.best == "application/json"):
        payload = {"status": status, "error": title, "message": message}
        if request_id:
            payload["requestId"] = request_id
        if offered:
            payload["available"] = [f.media_type for f in offered]
        response = Response(json.dumps(payload), status=status, content_type="application/json")
    else:
        text = f"{status} {title}\n{message}\n"
        if offered:
            text += "Available: " + ", ".join(f.media_type for f in offered) + "\n"
        if request_id:
            text += f"Request id: {request_id}\n"
        response = Response(text, status=status, content_type="text/plain; charset=utf-8")
    if request_id:
        response.headers["X-Request-Id"] = request_id
    return response


def init_app(app: Flask) -> None:
    @app.errorhandler(NotAcceptable)
    def not_acceptable(error: NotAcceptable):
        available = ", ".join(f"{f.media_type} (.{f.extension})" for f in error.offered)
        response = error_response(
            406,
            "Not Acceptable",
            f"None of the requested formats is available. Available: {available}.",
            offered=error.offered,
        )
        response.headers["Vary"] = "Accept"
        return response

    @app.errorhandler(StoreUnavailable)
    def store_unavailable(error: StoreUnavailable):
        request_id = getattr(g, "request_id", None) or uuid.uuid4().hex[:16]
        log.error("store unavailable [%s] %s %s: %s", request_id, request.method, request.path, error)
        title = "Query time limit reached" if isinstance(error, QueryTimeout) else "Store unavailable"
        return error_response(error.status, title, str(error), request_id)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, HTTPNotAcceptable):
            return not_acceptable(NotAcceptable(DOCUMENT_FORMATS))
        response = error_response(error.code or 500, error.name, error.description or error.name)
        for header in ("Allow", "Retry-After"):
            if error.get_headers() and header in dict(error.get_headers()):
                response.headers[header] = dict(error.get_headers())[header]
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        request_id = getattr(g, "request_id", None) or uuid.uuid4().hex[:16]
        log.exception("unhandled error [%s] %s %s", request_id, request.method, request.path)
        return error_response(
            500,
            "Internal Server Error",
            "Something went wrong on our side. Quote the request id when reporting it.",
            request_id,
        )
