"""Writing the catalogue into a remote store with the SPARQL 1.1 Graph Store Protocol.

One HTTP PUT replaces the catalogue's graph (Graph Store Protocol, section 5.3), so readers see the
old data or the new, never half of it, and loading twice leaves the same store.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from urllib.parse import urlencode

import pyoxigraph as ox
import requests

from .store.base import StoreUnavailable
from .store.remote import auth_headers, basic_credentials

PROGRESS_STEP = 8 * 1024 * 1024


class _ProgressReader:
    """A body that reports how much has been sent, for large uploads."""

    def __init__(self, body: bytes, report: bool):
        self._body, self._sent, self._report, self._next = memoryview(body), 0, report, PROGRESS_STEP
        self.len = len(body)

    def read(self, size: int = -1) -> bytes:
        size = self.len - self._sent if size is None or size < 0 else size
        chunk = bytes(self._body[self._sent : self._sent + size])
        self._sent += len(chunk)
        if self._report and self._sent >= self._next:
            print(f"  sent {self._sent // (1024 * 1024)} of {self.len // (1024 * 1024)} MiB", file=sys.stderr)
            self._next += PROGRESS_STEP
        return chunk


def graph_url(graph_store_url: str, graph_iri: str) -> str:
    separator = "&" if "?" in graph_store_url else "?"
    return f"{graph_store_url}{separator}{urlencode({'graph': graph_iri})}"


def put_graph(graph_store_url: str, graph_iri: str, quads: Sequence[ox.Quad], timeout_s: float = 600) -> int:
    """Replaces the graph with the quads' triples; returns how many were sent."""
    body = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
    headers = {"Content-Type": "application/n-triples", "Content-Length": str(len(body)), **auth_headers()}
    try:
        response = requests.put(
            graph_url(graph_store_url, graph_iri),
            data=_ProgressReader(body, len(body) > PROGRESS_STEP),
            headers=headers,
            auth=basic_credentials(),
            timeout=timeout_s,
        )
    except requests.RequestException as error:
        raise StoreUnavailable(f"cannot reach the graph store at {graph_store_url}: {error}") from None
    if response.status_code >= 300:
        raise StoreUnavailable(
            f"the graph store refused the data (HTTP {response.status_code}): {response.text.strip()[:500]}"
        )
    return len(quads)
