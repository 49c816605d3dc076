"""The OpenAPI 3 description of the HTTP interface (openapi.json in the repository), served with
this server's base as its server URL."""

from __future__ import annotations

import json
from functools import lru_cache
from urllib.parse import urlsplit

from flask import Blueprint, Response

from ..dataset import PROJECT_ROOT
from . import common

OPENAPI_FILE = PROJECT_ROOT / "openapi.json"
blueprint = Blueprint("openapi", __name__)


@lru_cache(maxsize=1)
def openapi_description() -> dict:
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


@blueprint.get("/openapi.json")
def description() -> Response:
    served = dict(openapi_description())
    served["servers"] = [{"url": urlsplit(common.base()).path.rstrip("/") or "/"}]
    response = Response(json.dumps(served, indent=2), content_type="application/json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
