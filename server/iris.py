"""IRI mapping as pure functions: a request path and the base in, an IRI out, and back.

Things are named {base}id/{kind}/{slug} and described by documents at {base}doc/{kind}/{slug}
(the UK public-sector URI pattern); vocabularies and schemes are {base}def/{name}, their own
documents. Extensions (.ttl, .jsonld, ...) name a document's formats.
"""

from __future__ import annotations

import re

SLUG = r"[a-z0-9][a-z0-9-]*"
THING_PATH = re.compile(rf"^id/(?P<kind>{SLUG})/(?P<slug>{SLUG})$")
DOCUMENT_PATH = re.compile(rf"^doc/(?P<kind>{SLUG})/(?P<slug>{SLUG})(?:\.(?P<ext>[a-z.]+))?$")
DEFINITION_PATH = re.compile(rf"^def/(?P<name>{SLUG})(?:\.(?P<ext>[a-z.]+))?$")


def thing_iri(base: str, kind: str, slug: str) -> str:
    return f"{base}id/{kind}/{slug}"


def document_path(kind: str, slug: str, extension: str | None = None) -> str:
    return f"doc/{kind}/{slug}" + (f".{extension}" if extension else "")


def local_path(base: str, iri: str) -> str | None:
    """The path of a dataset IRI relative to the base, or None for an IRI outside the dataset."""
    return iri[len(base) :] if iri.startswith(base) else None


def page_path_for_iri(base: str, iri: str) -> str | None:
    """Where a person or client looks an IRI up: the document for a thing (hash and all), the
    definition itself for a /def/ IRI; None for IRIs outside the dataset."""
    path = local_path(base, iri)
    if path is None:
        return None
    path, _, fragment = path.partition("#")
    match = THING_PATH.match(path)
    if match:
        path = document_path(match["kind"], match["slug"])
    return path + (f"#{fragment}" if fragment else "")
