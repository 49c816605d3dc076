"""One frozen settings object: what the app serves, under which base, with which limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .dataset import normalise_base, shipped_files


@dataclass(frozen=True)
class Settings:
    base_uri: str = "http://127.0.0.1:8080/"
    data_files: tuple[Path, ...] = field(default_factory=lambda: tuple(shipped_files()))
    store_url: str | None = None  # a remote SPARQL query endpoint instead of the embedded store
    store_path: Path | None = None  # the embedded store's directory; a temporary one when None
    query_workers: int = 2
    workers_in_memory: bool = True  # each query worker answers from its own in-memory copy, or from disk
    query_timeout_s: float = 10.0
    max_result_rows: int = 10_000
    max_request_bytes: int = 100_000
    allowed_services: frozenset[str] = frozenset()  # SPARQL endpoints that SERVICE may call
    cache_max_age_s: int = 300
    debug: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_uri", normalise_base(self.base_uri))

    @property
    def graph_iri(self) -> str:
        """The named graph holding the catalogue, in the embedded store and in a remote one."""
        return f"{self.base_uri}dataset"
