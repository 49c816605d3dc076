"""What every response carries and what every request leaves behind: a request id, security
headers, one JSON access-log line; and /health, which checks the store."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid

from flask import Blueprint, Flask, Response, g, request

from ..store.base import QueryError, StoreUnavailable
from . import common

access_log = logging.getLogger("casereviews.access")
blueprint = Blueprint("observability", __name__)

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# No inline scripts anywhere (the JSON-LD blocks are data, which script-src does not govern), no
# framing, nothing from other origins.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def request_id() -> str:
    return getattr(g, "request_id", "-")


def init_app(app: Flask) -> None:
    @app.before_request
    def start_request() -> None:
        given = request.headers.get("X-Request-Id", "")
        g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex[:16]
        g.started = time.perf_counter()

    @app.after_request
    def finish_request(response: Response) -> Response:
        response.headers["X-Request-Id"] = request_id()
        response.headers["Server"] = "casereviews"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        if response.mimetype in ("text/html", "image/svg+xml"):
            response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            response.headers["X-Frame-Options"] = "DENY"
        duration_ms = (time.perf_counter() - getattr(g, "started", time.perf_counter())) * 1000
        access_log.info(
            json.dumps(
                {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(duration_ms, 2),
                    "format": response.mimetype or None,
                    "request_id": request_id(),
                }
            )
        )
        return response


@blueprint.get("/health")
def health() -> Response:
    """200 when the store answers a query, 503 (with the reason) when it does not."""
    started = time.perf_counter()
    try:
        common.store().query("ASK { ?s ?p ?o }")
        version = common.store().data_version()
    except (StoreUnavailable, QueryError) as error:
        body = {"status": "unavailable", "store": str(error)}
        return Response(json.dumps(body), status=503, content_type="application/json")
    body = {"status": "ok", "dataVersion": version, "storeMs": round((time.perf_counter() - started) * 1000, 2)}
    response = Response(json.dumps(body), content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response
