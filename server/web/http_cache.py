"""An in-process HTTP cache in front of the application, for the catalogue's read-only answers.

The catalogue changes only between loads, so an answer depends on nothing but the data version, the
request's path and query string, and the headers the answer varies by (Accept, Accept-Encoding). A
cacheable answer (a 200 to a GET, with an ETag) is kept with its headers and served again without
entering Flask, as a shared HTTP cache would serve a stored response (RFC 9111, section 4), with a
fresh request id, If-None-Match answered by 304 (RFC 9110, section 13.1.2), HEAD without a body, and
its access-log line. Everything else passes through.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from werkzeug.http import parse_accept_header, parse_etags, unquote_etag

from ..store.base import StoreUnavailable

access_log = logging.getLogger("casereviews.access")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_PASS_THROUGH = ("/health", "/openapi.json")
_NOT_MODIFIED_HEADERS = ("etag", "cache-control", "vary", "content-location", "link")


class StoredAnswer:
    __slots__ = ("status", "headers", "not_modified_headers", "body", "etag", "media_type")

    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        self.status, self.body = status, body
        # Both header lists are built once, here: a stored answer is served many times.
        kept = [(k, v) for k, v in headers if k.lower() not in ("x-request-id", "content-length")]
        self.headers = [*kept, ("Content-Length", str(len(body)))]
        self.not_modified_headers = [(k, v) for k, v in kept if k.lower() in _NOT_MODIFIED_HEADERS]
        self.etag = next((v for k, v in headers if k.lower() == "etag"), "")
        self.media_type = next((v.split(";")[0] for k, v in headers if k.lower() == "content-type"), None)


def _accepts_gzip(environ: dict) -> bool:
    header = environ.get("HTTP_ACCEPT_ENCODING", "")
    return "gzip" in header and parse_accept_header(header)["gzip"] > 0


class HttpCache:
    def __init__(self, app: Callable, data_version: Callable[[], str], max_entries: int = 8192):
        self.app, self.data_version, self.max_entries = app, data_version, max_entries
        self.entries: OrderedDict[tuple, StoredAnswer] = OrderedDict()
        self.lock = threading.Lock()

    def _key(self, environ: dict) -> tuple | None:
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        path = environ.get("PATH_INFO", "")
        if path.startswith(_PASS_THROUGH):
            return None
        try:
            version = self.data_version()
        except StoreUnavailable:
            return None  # the application answers with the error
        return (
            version,
            environ.get("SCRIPT_NAME", ""),
            path,
            environ.get("QUERY_STRING", ""),
            environ.get("HTTP_ACCEPT", ""),
            _accepts_gzip(environ),
        )

    def __call__(self, environ: dict, start_response: Callable):
        key = self._key(environ)
        if key is not None:
            with self.lock:
                stored = self.entries.get(key)
                if stored is not None:
                    self.entries.move_to_end(key)
            if stored is not None:
                return self._serve(stored, environ, start_response)
        captured: dict = {}

        def capture(status: str, headers: list, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info)

        result = self.app(environ, capture)
        headers = captured.get("headers", [])
        if (
            key is not None
            and environ["REQUEST_METHOD"] == "GET"
            and captured.get("status", "").startswith("200")
            and any(k.lower() == "etag" for k, _ in headers)
            and not any(k.lower() == "set-cookie" for k, _ in headers)
        ):
            body = b"".join(result)
            if hasattr(result, "close"):
                result.close()
            with self.lock:
                self.entries[key] = StoredAnswer(captured["status"], headers, body)
                while len(self.entries) > self.max_entries:
                    self.entries.popitem(last=False)
            return [body]
        return result

    def _serve(self, stored: StoredAnswer, environ: dict, start_response: Callable):
        started = time.perf_counter()
        given = environ.get("HTTP_X_REQUEST_ID", "")
        request_id = given if given and _REQUEST_ID.match(given) else os.urandom(8).hex()
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and parse_etags(if_none_match).contains(unquote_etag(stored.etag)[0]):
            status, body, headers = "304 NOT MODIFIED", b"", stored.not_modified_headers
        else:
            status, body, headers = stored.status, stored.body, stored.headers
        start_response(status, [*headers, ("X-Request-Id", request_id)])
        if access_log.isEnabledFor(logging.INFO):
            access_log.info(
                json.dumps(
                    {
                        "method": environ["REQUEST_METHOD"],
                        "path": environ.get("PATH_INFO", ""),
                        "status": int(status[:3]),
                        "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                        "format": stored.media_type,
                        "request_id": request_id,
                        "cache": "hit",
                    }
                )
            )
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]
