"""Content negotiation as pure functions: media types and a request's hints in, a choice out.

Accept is parsed by werkzeug's MIMEAccept, a real media-range parser with q-values (RFC 9110,
section 12.5.1); hand-written parsing breaks on combined headers. A file extension or a ``_format``
parameter overrides Accept, so that a format can be linked to and bookmarked.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header


@dataclass(frozen=True)
class Format:
    name: str  # the short name used by _format and format= parameters
    media_type: str
    extension: str  # without the dot
    label: str
    aliases: tuple[str, ...] = ()


TURTLE = Format("ttl", "text/turtle", "ttl", "Turtle", ("turtle", "application/x-turtle"))
JSON_LD = Format("jsonld", "application/ld+json", "jsonld", "JSON-LD", ("json-ld", "json", "application/json"))
N_TRIPLES = Format("nt", "application/n-triples", "nt", "N-Triples", ("ntriples", "n-triples"))
RDF_XML = Format("rdf", "application/rdf+xml", "rdf", "RDF/XML", ("rdfxml", "xml"))
HTML = Format("html", "text/html", "html", "HTML", ("xhtml", "application/xhtml+xml"))

# The order matters: the first offered format wins a tie, so "*/*" (curl's default) gets Turtle.
RDF_FORMATS = (TURTLE, JSON_LD, N_TRIPLES, RDF_XML)
DOCUMENT_FORMATS = (*RDF_FORMATS, HTML)

BIBTEX = Format("bib", "application/x-bibtex", "bib", "BibTeX", ("bibtex", "text/x-bibtex"))
RIS = Format("ris", "application/x-research-info-systems", "ris", "RIS")
CSL_JSON = Format("csl-json", "application/vnd.citationstyles.csl+json", "csl.json", "CSL-JSON", ("csl", "csljson"))
BIBLIOGRAPHY = Format("bibliography", "text/x-bibliography", "txt", "Formatted references", ("reference", "citation"))
CITATION_FORMATS = (BIBTEX, RIS, CSL_JSON, BIBLIOGRAPHY)
# What a document of the catalogue negotiates: its RDF, its page, and citations of the works it covers.
CATALOGUE_FORMATS = (*DOCUMENT_FORMATS, *CITATION_FORMATS)

SPARQL_JSON = Format("json", "application/sparql-results+json", "srj", "SPARQL JSON", ("srj", "application/json"))
SPARQL_XML = Format("xml", "application/sparql-results+xml", "srx", "SPARQL XML", ("srx", "application/xml"))
CSV = Format("csv", "text/csv", "csv", "CSV")
TSV = Format("tsv", "text/tab-separated-values", "tsv", "TSV")
RESULT_FORMATS = (SPARQL_JSON, SPARQL_XML, CSV, TSV)


class NotAcceptable(Exception):
    """Nothing on offer suits the request; carries what is on offer for the 406 answer."""

    def __init__(self, offered: tuple[Format, ...]):
        self.offered = offered
        super().__init__("none of the available formats is acceptable: " + ", ".join(f.media_type for f in offered))


def format_by_name(name: str, offered: tuple[Format, ...]) -> Format | None:
    """A format named by a ``_format`` parameter: short name, alias, extension or media type."""
    wanted = name.strip().lower()
    for fmt in offered:
        if wanted in (fmt.name, fmt.extension, fmt.media_type, *fmt.aliases):
            return fmt
    return None


def format_by_extension(extension: str, offered: tuple[Format, ...]) -> Format | None:
    for fmt in offered:
        if extension == fmt.extension:
            return fmt
    return None


def parse_accept(header: str | None) -> MIMEAccept:
    return parse_accept_header(header or "*/*", MIMEAccept)


def negotiate(accept_header: str | None, offered: tuple[Format, ...]) -> Format:
    """The best of ``offered`` for an Accept header; raises NotAcceptable when none is acceptable.

    A missing or empty Accept means any format (RFC 9110, section 12.5.1). Among equally acceptable
    formats, the first offered wins.
    """
    accept = parse_accept(accept_header)
    if not accept:
        return offered[0]
    best_quality, best = 0.0, None
    for fmt in offered:
        quality = accept.quality(fmt.media_type)
        # An alias media type (application/x-turtle) counts only when named outright: a wildcard
        # such as application/* must not select text/turtle through it.
        refused = any(value.lower() == fmt.media_type and q == 0 for value, q in accept)
        for alias in fmt.aliases:
            named = [q for value, q in accept if value.lower() == alias]
            if named and not refused:
                quality = max(quality, max(named))
        if quality > best_quality:
            best_quality, best = quality, fmt
    if best is None:
        raise NotAcceptable(offered)
    return best


def choose_format(
    offered: tuple[Format, ...],
    accept_header: str | None,
    extension: str | None = None,
    format_parameter: str | None = None,
) -> tuple[Format, bool]:
    """The format to answer in, and whether it came from Accept (and so the answer varies by it).

    Precedence: the path's extension, then ``_format``, then Accept. An unknown extension or format
    name is NotAcceptable, listing what is on offer.
    """
    if extension:
        fmt = format_by_extension(extension, offered)
        if fmt is None:
            raise NotAcceptable(offered)
        return fmt, False
    if format_parameter:
        fmt = format_by_name(format_parameter, offered)
        if fmt is None:
            raise NotAcceptable(offered)
        return fmt, False
    return negotiate(accept_header, offered), True
