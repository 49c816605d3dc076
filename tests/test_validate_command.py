"""``casereviews validate``: the shipped data conforms, each kind of mistake is caught and named."""

from __future__ import annotations

import json
import shutil

import pytest

from server.dataset import shipped_data_files

from .conftest import run_cli

# One complete, valid publication; each test below breaks it in one way.
VALID = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <http://schema.org/> .
@prefix bibo: <http://purl.org/ontology/bibo/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<id/resource/test-publication> a schema:CreativeWork, schema:Report ;
    rdfs:label "A test publication"@en ;
    dcterms:title "A test publication"@en ;
    dcterms:issued "2013"^^xsd:gYear ;
    dcterms:creator <id/person/sidebotham-p> ;
    bibo:authorList ( <id/person/sidebotham-p> ) ;
    dcterms:publisher <id/organisation/nspcc> ;
    dcterms:spatial <id/jurisdiction/england> ;
    dcterms:type <id/concept/research-report> ;
    dcterms:abstract "What the publication is about."@en ;
    dcterms:source <id/list/nspcc-case-review-reading-list-2013> .
"""


@pytest.fixture
def data_dir(tmp_path):
    for path in shipped_data_files():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def validate_with(data_dir, extra_turtle, *options):
    (data_dir / "extra.ttl").write_text(extra_turtle, encoding="utf-8")
    return run_cli("validate", *sorted(str(p) for p in data_dir.glob("*.ttl")), *options)


def test_shipped_data_conforms():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Conforms: 0 violations")


def test_shipped_data_conforms_as_json():
    result = run_cli("validate", "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 0
    assert report["conforms"] is True and report["counts"]["violation"] == 0
    # Known gaps in the sources are reported as warnings and do not fail.
    assert report["counts"]["warning"] == len(report["results"]) > 0
    assert {r["severity"] for r in report["results"]} == {"Warning"}


def test_the_valid_test_publication_conforms(data_dir):
    result = validate_with(data_dir, VALID)
    assert result.returncode == 0, result.stdout


BROKEN = {
    "missing title": (
        ('    dcterms:title "A test publication"@en ;\n', ""),
        "A publication needs a dcterms:title.",
    ),
    "date that is not a date": (
        ('"2013"^^xsd:gYear', '"last spring"'),
        "dcterms:issued is at most one date, typed xsd:gYear, xsd:gYearMonth or xsd:date.",
    ),
    "ill-formed typed date": (
        ('"2013"^^xsd:gYear', '"2013-13"^^xsd:gYearMonth'),
        "dcterms:issued is at most one date",
    ),
    "unknown jurisdiction": (
        ("<id/jurisdiction/england>", "<id/jurisdiction/atlantis>"),
        "Not a known jurisdiction",
    ),
    "misspelt property": (
        ("dcterms:abstract", "dcterms:abstrct"),
        "dcterms:abstrct",
    ),
    "title without a language tag": (
        ('dcterms:title "A test publication"@en', 'dcterms:title "A test publication"'),
        "dcterms:title must be a literal with a language tag, @en.",
    ),
    "creator given as a string": (
        ("dcterms:creator <id/person/sidebotham-p>", 'dcterms:creator "Sidebotham, P."'),
        "dcterms:creator must be the IRI of a schema:Person or schema:Organization, not a string.",
    ),
    "impossible date": (
        ('"2013"^^xsd:gYear', '"2013-02-30"^^xsd:date'),
        "dcterms:issued is at most one date",
    ),
    "two titles": (
        ('dcterms:title "A test publication"@en ;', 'dcterms:title "A test publication"@en, "Another title"@en ;'),
        "A publication has exactly one dcterms:title",
    ),
    "author list naming a string": (
        ("bibo:authorList ( <id/person/sidebotham-p> )", 'bibo:authorList ( "Sidebotham, P." )'),
        "Every member of bibo:authorList must be the IRI",
    ),
    "no resource type": (
        ("    dcterms:type <id/concept/research-report> ;\n", ""),
        "dcterms:type is required once",
    ),
    "no source": (
        ("    dcterms:source <id/list/nspcc-case-review-reading-list-2013> .\n", "    .\n"),
        "Every fact needs its source",
    ),
}


@pytest.mark.parametrize("mistake", sorted(BROKEN))
def test_each_kind_of_mistake_fails_with_a_message_naming_it(data_dir, mistake):
    (old, new), expected_message = BROKEN[mistake]
    assert old in VALID
    result = validate_with(data_dir, VALID.replace(old, new))
    assert result.returncode == 1, result.stdout
    assert result.stdout.startswith("Does not conform")
    assert expected_message in result.stdout
    assert "id/resource/test-publication" in result.stdout


def test_violations_are_reported_to_machines_with_focus_path_and_value(data_dir):
    broken = VALID.replace("dcterms:creator <id/person/sidebotham-p>", 'dcterms:creator "Sidebotham, P."')
    result = validate_with(data_dir, broken, "--format", "json")
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["conforms"] is False
    (violation,) = [r for r in report["results"] if r["severity"] == "Violation"]
    assert violation["focusNode"] == "id/resource/test-publication"
    assert violation["path"] == "dcterms:creator"
    assert violation["value"] == '"Sidebotham, P."'


def test_reading_list_items_must_have_a_date(data_dir):
    reading_list = (data_dir / "reading-list.ttl").read_text(encoding="utf-8")
    (data_dir / "reading-list.ttl").write_text(
        reading_list.replace('    dcterms:issued "2009"^^xsd:gYear ;\n', ""), encoding="utf-8"
    )
    result = run_cli("validate", *sorted(str(p) for p in data_dir.glob("*.ttl")))
    assert result.returncode == 1
    assert "A reading-list item needs dcterms:issued" in result.stdout
    assert "id/resource/safeguarding-through-audit-2009" in result.stdout


def test_syntax_error_exits_2_naming_file_and_line(data_dir):
    result = validate_with(data_dir, VALID.replace('"What the publication is about."@en ;', '"unterminated ;'))
    assert result.returncode == 2
    assert "extra.ttl, line 17" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_file_exits_2(tmp_path):
    result = run_cli("validate", str(tmp_path / "nope.ttl"))
    assert result.returncode == 2
    assert "nope.ttl" in result.stderr and "Traceback" not in result.stderr


def test_unknown_file_type_exits_2(tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    result = run_cli("validate", str(tmp_path / "notes.txt"))
    assert result.returncode == 2
    assert "unknown RDF file type .txt" in result.stderr
