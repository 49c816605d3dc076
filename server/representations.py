"""Representations as cached bytes, and the HTTP caching rules around them.

The catalogue is read-only between loads, so a representation is serialised once and its bytes
kept, keyed by the data version: a new version makes every old key unreachable. ETags are strong
and derived from the data version and the representation (RFC 9110, section 8.8.3), so every
process serving the same data gives the same ETag.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from flask import Request, Response


@dataclass(frozen=True)
class Representation:
    body: bytes
    media_type: str
    etag: str
    gzipped: bytes | None = None


class RepresentationCache:
    """A bounded LRU of representations; safe to share between the server's threads."""

    def __init__(self, max_entries: int = 4096):
        self._entries: OrderedDict[tuple, Representation] = OrderedDict()
        self._max_entries = max_entries
        self._lock = threading.Lock()

    def get_or_make(self, key: tuple, make: Callable[[], tuple[bytes, str]]) -> Representation:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        body, media_type = make()
        etag = hashlib.sha256(repr(key).encode() + b"\0" + body).hexdigest()[:32]
        gzipped = gzip.compress(body, compresslevel=6, mtime=0) if len(body) > 1024 else None
        representation = Representation(body, media_type, etag, gzipped)
        with self._lock:
            self._entries[key] = representation
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return representation


def accepts_gzip(request: Request) -> bool:
    return request.accept_encodings["gzip"] > 0


def respond(
    request: Request,
    representation: Representation,
    *,
    status: int = 200,
    vary_accept: bool = True,
    max_age: int = 300,
    charset: bool = True,
) -> Response:
    """A response for a representation: 304 when If-None-Match matches, gzip when asked for."""
    use_gzip = representation.gzipped is not None and accepts_gzip(request)
    etag = representation.etag + ("-gz" if use_gzip else "")
    content_type = representation.media_type
    if charset and (content_type.startswith("text/") or content_type.endswith(("json", "xml"))):
        content_type += "; charset=utf-8"
    vary = ["Accept-Encoding"] + (["Accept"] if vary_accept else [])
    if status == 200 and request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        body = representation.gzipped if use_gzip else representation.body
        response = Response(body, status=status, content_type=content_type)
        if use_gzip:
            response.headers["Content-Encoding"] = "gzip"
    response.set_etag(etag)
    response.headers["Vary"] = ", ".join(vary)
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    return response
