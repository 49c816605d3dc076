"""The SHACL gate: validates data against the project's shapes and reports for people and machines.

Severity follows SHACL (section 2.1.4): only sh:Violation results make data non-conforming here;
sh:Warning and sh:Info results are reported and do not fail, so known gaps in the sources (a
guidance edition whose publisher no source names) stay visible without blocking a release.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH

from .dataset import SHAPES_FILE, load_graph

SEVERITY_ORDER = ("Violation", "Warning", "Info")

KNOWN_PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "bibo": "http://purl.org/ontology/bibo/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


@dataclass(frozen=True)
class ValidationResult:
    severity: str
    focus_node: str
    path: str | None
    message: str
    value: str | None
    constraint: str


@dataclass(frozen=True)
class ValidationReport:
    results: tuple[ValidationResult, ...]
    triples: int
    # The engine's own report (sh:ValidationReport), for publishing next to the data it checked.
    graph: rdflib.Graph | None = field(default=None, compare=False, repr=False)

    @property
    def conforms(self) -> bool:
        return not any(r.severity == "Violation" for r in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)


def load_shapes(base_iri: str, shapes_file: Path = SHAPES_FILE) -> rdflib.Graph:
    return load_graph([shapes_file], base_iri)


def _short(node: rdflib.term.Node | None, base_iri: str) -> str | None:
    """A readable form of a term: dataset IRIs relative to the base, vocabulary terms as CURIEs."""
    if node is None:
        return None
    if isinstance(node, rdflib.URIRef):
        text = str(node)
        if text.startswith(base_iri):
            return text[len(base_iri) :]
        for prefix, namespace in KNOWN_PREFIXES.items():
            if text.startswith(namespace):
                return f"{prefix}:{text[len(namespace) :]}"
        return f"<{text}>"
    if isinstance(node, rdflib.Literal):
        literal = node.n3()
        return literal if len(literal) <= 120 else literal[:117] + "..."
    return "a blank node"


def _path_text(results: rdflib.Graph, path: rdflib.term.Node | None, base_iri: str) -> str | None:
    if path is None or isinstance(path, rdflib.URIRef):
        return _short(path, base_iri)
    # A complex SHACL path (a sequence given as an RDF list): show its steps joined by slashes.
    steps = list(rdflib.collection.Collection(results, path)) if (path, RDF.first, None) in results else []
    return "/".join(_path_text(results, step, base_iri) or "?" for step in steps) or "a path"


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph, base_iri: str) -> ValidationReport:
    _, results_graph, _ = pyshacl.validate(data, shacl_graph=shapes, allow_warnings=True, advanced=False)
    results = []
    # Results nested under sh:detail explain a top-level result (why a value failed sh:node); the
    # top-level result already names the problem, so only those are reported.
    details = set(results_graph.objects(None, SH.detail))
    for result in results_graph.subjects(RDF.type, SH.ValidationResult):
        if result in details:
            continue
        severity = results_graph.value(result, SH.resultSeverity)
        messages = list(results_graph.objects(result, SH.resultMessage))
        constraint = results_graph.value(result, SH.sourceConstraintComponent)
        results.append(
            ValidationResult(
                severity=str(severity).rsplit("#", 1)[-1],
                focus_node=_short(results_graph.value(result, SH.focusNode), base_iri) or "?",
                path=_path_text(results_graph, results_graph.value(result, SH.resultPath), base_iri),
                message=str(messages[0]) if messages else "Constraint not met.",
                value=_short(results_graph.value(result, SH.value), base_iri),
                constraint=str(constraint).rsplit("#", 1)[-1].removesuffix("ConstraintComponent"),
            )
        )
    results.sort(key=lambda r: (SEVERITY_ORDER.index(r.severity), r.message, r.focus_node, r.value or ""))
    return ValidationReport(results=tuple(results), triples=len(data), graph=results_graph)


def validate_files(paths: Sequence[Path], base_iri: str, shapes_file: Path = SHAPES_FILE) -> ValidationReport:
    """Validates the union of the files; raises DataFileError for a file that cannot be read."""
    return validate_graph(load_graph(paths, base_iri), load_shapes(base_iri, shapes_file), base_iri)


def validate_files_in_child(paths: Sequence[Path], base_iri: str) -> ValidationReport:
    """validate_files in a child process. pyshacl works on an in-memory rdflib graph several times the
    size of the data; a long-running server that validated in its own process would keep that memory
    (CPython rarely returns it), so the child takes it and gives it all back when it ends."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as child:
        return child.submit(validate_files, tuple(paths), base_iri).result()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def render_text(report: ValidationReport) -> str:
    """A report for people: a verdict line, then results grouped by severity and by problem."""
    violations, warnings, infos = (report.count(s) for s in SEVERITY_ORDER)
    verdict = "Conforms" if report.conforms else "Does not conform"
    lines = [
        f"{verdict}: {_plural(violations, 'violation')}, {_plural(warnings, 'warning')}, "
        f"{_plural(infos, 'note')} in {_plural(report.triples, 'triple')}."
    ]
    for severity in SEVERITY_ORDER:
        groups: dict[tuple[str | None, str], list[ValidationResult]] = defaultdict(list)
        for result in report.results:
            if result.severity == severity:
                groups[(result.path, result.message)].append(result)
        if not groups:
            continue
        lines.append("")
        lines.append(f"{severity}s:" if severity != "Info" else "Notes:")
        for (path, message), results in groups.items():
            where = f"{path}: " if path else ""
            lines.append(f"  {where}{message} ({_plural(len(results), 'node')})")
            for result in results:
                value = f"  value {result.value}" if result.value and result.value != result.focus_node else ""
                lines.append(f"    - {result.focus_node}{value}")
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport) -> dict:
    """A report for machines: the verdict, counts by severity and every result."""
    return {
        "conforms": report.conforms,
        "triples": report.triples,
        "counts": {s.lower(): report.count(s) for s in SEVERITY_ORDER},
        "results": [
            {
                "severity": r.severity,
                "focusNode": r.focus_node,
                "path": r.path,
                "message": r.message,
                "value": r.value,
                "constraint": r.constraint,
            }
            for r in report.results
        ],
    }
