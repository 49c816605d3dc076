"""Reading RDF files: the shipped catalogue, or files a user names.

The data files hold relative IRIs (``id/resource/...``), so the host is chosen when the data is
read: every IRI resolves against the base the caller gives. Files are parsed with pyoxigraph, whose
syntax errors carry a line and column for every format; rdflib graphs, which pyshacl and the
serialisers need, are built from the parsed quads.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.namespace import XSD

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
SHAPES_FILE = PROJECT_ROOT / "shapes" / "casereviews.shapes.ttl"

# rdflib logs a traceback when it meets an ill-typed literal ("2013-02-30"^^xsd:date). Such data is
# reported by validation as a violation, so the log would only put a traceback in front of users.
logging.getLogger("rdflib.term").setLevel(logging.ERROR)

_FORMATS_BY_SUFFIX = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}


class DataFileError(Exception):
    """A file that cannot be read or parsed; says which file, and where in it."""

    def __init__(self, path: Path, message: str, line: int | None = None, column: int | None = None):
        self.path, self.message, self.line, self.column = path, message, line, column
        where = f"{path}, line {line}" + (f", column {column}" if column else "") if line else str(path)
        super().__init__(f"{where}: {message}")

    def __reduce__(self):  # crosses process boundaries (validation runs in a child process)
        return DataFileError, (self.path, self.message, self.line, self.column)


def normalise_base(base_iri: str) -> str:
    """The base every relative IRI resolves against; always ends with a slash so that
    ``id/resource/x`` lands under it rather than beside its last path segment."""
    return base_iri if base_iri.endswith("/") else base_iri + "/"


def shipped_data_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.ttl"))


def ontology_files() -> list[Path]:
    return sorted(ONTOLOGY_DIR.glob("*.ttl"))


def shipped_files() -> list[Path]:
    """The ontology and the catalogue, as served and validated by default."""
    return ontology_files() + shipped_data_files()


def rdf_format_for(path: Path) -> ox.RdfFormat:
    suffix = "".join(path.suffixes[-1:]).lower()
    try:
        return _FORMATS_BY_SUFFIX[suffix]
    except KeyError:
        known = ", ".join(sorted(_FORMATS_BY_SUFFIX))
        raise DataFileError(path, f"unknown RDF file type {suffix or '(none)'}; use one of {known}") from None


def read_quads(path: Path, base_iri: str) -> list[ox.Quad]:
    """All quads of one file, every relative IRI resolved against ``base_iri``."""
    rdf_format = rdf_format_for(path)
    try:
        return list(ox.parse(path=str(path), format=rdf_format, base_iri=normalise_base(base_iri)))
    except SyntaxError as error:
        message = (error.msg or str(error)).split(": ", 1)[-1]
        raise DataFileError(path, message, error.lineno, error.offset) from None
    except OSError as error:
        raise DataFileError(path, error.strerror or str(error)) from None
    except ValueError as error:
        raise DataFileError(path, str(error)) from None


def read_files(paths: Sequence[Path], base_iri: str) -> list[ox.Quad]:
    """The union of several files, all in the default graph.

    Blank nodes are relabelled in the order they appear (b1, b2, ...), so that every process reading
    the same files writes the same bytes, and so derives the same ETags; the parser's own labels are
    random.
    """
    quads: list[ox.Quad] = []
    labels: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term, ox.BlankNode(f"b{len(labels) + 1}"))
        return term

    for path in paths:
        for quad in read_quads(path, base_iri):
            quads.append(ox.Quad(stable(quad.subject), quad.predicate, stable(quad.object)))
    return quads


def to_rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> rdflib.term.Node:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    # rdflib writes an xsd:string literal as a plain one; RDF 1.1 says they are the same term.
    return rdflib.Literal(term.value, datatype=None if datatype == str(XSD.string) else datatype)


def to_rdflib_graph(quads: Iterable[ox.Quad | ox.Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    add = graph.add
    for quad in quads:
        add((to_rdflib_term(quad.subject), to_rdflib_term(quad.predicate), to_rdflib_term(quad.object)))
    return graph


def load_graph(paths: Sequence[Path], base_iri: str) -> rdflib.Graph:
    return to_rdflib_graph(read_files(paths, base_iri))


def from_rdflib_term(term: rdflib.term.Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)


def from_rdflib_graph(graph: rdflib.Graph) -> list[ox.Triple]:
    return [ox.Triple(from_rdflib_term(s), from_rdflib_term(p), from_rdflib_term(o)) for s, p, o in graph]


def version_of_files(paths: Sequence[Path], base_iri: str) -> str:
    """A digest of the files' bytes and the base: equal on every process serving the same data,
    unlike anything derived from parsed blank nodes, whose labels differ from run to run."""
    digest = hashlib.sha256(base_iri.encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def version_quad(graph_iri: str, version: str) -> ox.Quad:
    """The statement of the data's version that goes into the store with the data, so that every
    front-end reading the store derives the same ETags from it."""
    return ox.Quad(
        ox.NamedNode(graph_iri), ox.NamedNode("http://www.w3.org/2002/07/owl#versionInfo"), ox.Literal(version)
    )


def dataset_quads(files: Sequence[Path], base_iri: str) -> list[ox.Quad]:
    """The catalogue as served, loaded and exported: the files' triples and the data version."""
    base_iri = normalise_base(base_iri)
    return read_files(files, base_iri) + [version_quad(f"{base_iri}dataset", version_of_files(files, base_iri))]
