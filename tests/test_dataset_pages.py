"""The dataset as a whole (dumps, description, validation report, export) and the comparison page."""

from __future__ import annotations

import json
import re

import pytest
import rdflib
import requests
from rdflib.compare import isomorphic

from server.dataset import shipped_data_files

from .conftest import run_cli
from .server_process import running_catalogue

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8"


def turtle(url):
    response = requests.get(url, headers={"Accept": "text/turtle"}, timeout=10)
    assert response.status_code == 200, url
    return rdflib.Graph().parse(data=response.text, format="turtle")


def test_dataset_description_counts_what_is_served(server):
    graph = turtle(server + "/dataset")
    dataset = rdflib.URIRef(server + "/dataset")
    dump = rdflib.Graph().parse(data=requests.get(server + "/dataset.nt", timeout=10).text, format="nt")
    assert int(graph.value(dataset, VOID.triples)) == len(dump)
    assert graph.value(dataset, VOID.sparqlEndpoint) == rdflib.URIRef(server + "/sparql")
    assert rdflib.URIRef(server + "/dataset.ttl") in set(graph.objects(dataset, VOID.dataDump))
    assert graph.value(dataset, DCTERMS.rights) is not None
    assert str(graph.value(graph.value(dataset, DCTERMS.publisher), rdflib.RDFS.label)) == "The casereviews project"
    assert graph.value(dataset, DCTERMS.modified).datatype == rdflib.XSD.date
    assert graph.value(dataset, rdflib.RDFS.seeAlso) == rdflib.URIRef(server + "/dataset/validation")


def test_well_known_void_leads_to_the_description(server):
    response = requests.get(server + "/.well-known/void", allow_redirects=False, timeout=10)
    assert response.status_code == 303 and response.headers["Location"] == "/dataset"


def test_validation_report_is_of_exactly_the_served_data(server):
    graph = turtle(server + "/dataset/validation")
    report = rdflib.URIRef(server + "/dataset/validation")
    assert graph.value(report, SH.conforms) == rdflib.Literal(True)
    results = list(graph.objects(report, SH.result))
    cli = json.loads(run_cli("validate", "--format", "json").stdout)
    assert len(results) == cli["counts"]["warning"] > 0
    html = requests.get(server + "/dataset/validation", headers={"Accept": BROWSER_ACCEPT}, timeout=10).text
    assert "The data being served conforms" in html


def test_shapes_are_published(server):
    graph = turtle(server + "/def/shapes")
    assert (rdflib.URIRef(server + "/def/shapes#Publication"), rdflib.RDF.type, SH.NodeShape) in graph


def test_dump_formats_agree_and_gzip_on_request(server):
    ttl = rdflib.Graph().parse(data=requests.get(server + "/dataset.ttl", timeout=10).text, format="turtle")
    jsonld_response = requests.get(server + "/dataset.jsonld", timeout=10)
    jsonld = rdflib.Graph().parse(data=jsonld_response.text, format="json-ld")
    rdfxml = rdflib.Graph().parse(data=requests.get(server + "/dataset.rdf", timeout=10).text, format="xml")
    assert isomorphic(ttl, jsonld) and isomorphic(ttl, rdfxml)
    compressed = requests.get(server + "/dataset.nt", headers={"Accept-Encoding": "gzip"}, timeout=10)
    assert compressed.headers["Content-Encoding"] == "gzip"


def test_export_writes_the_same_dataset_as_the_dump(server, tmp_path):
    out = tmp_path / "casereviews.ttl"
    result = run_cli("export", "--format", "ttl", "--base-uri", server + "/", "-o", str(out))
    assert result.returncode == 0, result.stderr
    exported = rdflib.Graph().parse(out, format="turtle")
    served = rdflib.Graph().parse(data=requests.get(server + "/dataset.nt", timeout=10).text, format="nt")
    assert isomorphic(exported, served)


@pytest.mark.parametrize("fmt,parser", [("nt", "nt"), ("jsonld", "json-ld"), ("rdf", "xml")])
def test_export_formats_parse(tmp_path, fmt, parser):
    out = tmp_path / f"export.{fmt}"
    assert run_cli("export", "--format", fmt, "-o", str(out)).returncode == 0
    assert len(rdflib.Graph().parse(out, format=parser)) > 1000


def test_export_to_an_unwritable_place_exits_2(tmp_path):
    result = run_cli("export", "-o", str(tmp_path / "missing" / "x.ttl"))
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_comparison_page_has_a_column_per_nation_drawn_from_the_data(server):
    html = requests.get(server + "/compare", timeout=10).text
    headers = re.findall(r'<th scope="col"><a href="/doc/jurisdiction/[a-z-]+">([^<]+)</a></th>', html)
    assert headers == ["England", "Northern Ireland", "Scotland", "Wales"]
    assert 'Child practice review (Wales)</a> <span class="span">2013-01 to 2024-09-30</span>' in html
    assert 'Learning review (Scotland)</a> <span class="span">from 2021</span>' in html
    assert html.index("Working together to safeguard children (2006)") < html.index(
        "Working together to safeguard children (2018)"
    )
    assert "<svg" in html


def test_timeline_picture_is_svg_with_a_bar_per_review_type(server):
    response = requests.get(server + "/compare/timeline.svg", timeout=10)
    assert response.headers["Content-Type"].startswith("image/svg+xml")
    svg = response.text
    assert svg.startswith("<?xml")
    assert svg.count("<rect ") == 1 + 10  # the background, then one bar per top-level review type
    assert "Single unified safeguarding review (Wales): 2024-10-01 to now" not in svg
    assert "Single unified safeguarding review (Wales): from 2024-10-01" in svg


def test_large_inbound_lists_are_paged(served, tmp_path):
    lines = [
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix schema: <http://schema.org/> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
    ]
    for n in range(150):
        lines.append(f"""<id/resource/extra-{n:03d}> a schema:CreativeWork ; rdfs:label "Extra {n}"@en ;
  dcterms:title "Extra {n}"@en ; dcterms:issued "2020"^^xsd:gYear ; dcterms:publisher <id/organisation/nspcc> ;
  dcterms:spatial <id/jurisdiction/wales> ; dcterms:type <id/concept/research-report> ;
  dcterms:description "Extra resource {n}."@en ; dcterms:source <id/source/facts-and-sources> .""")
    extra = tmp_path / "extra.ttl"
    extra.write_text("\n".join(lines), encoding="utf-8")
    data = (*map(str, shipped_data_files()), str(extra))
    with running_catalogue(served.kind, data=data) as extended:
        url = extended.url
        first = requests.get(url + "/doc/jurisdiction/wales.nt", timeout=10)
        second = requests.get(url + "/doc/jurisdiction/wales.nt?page=2", timeout=10)
        spatial = "<http://purl.org/dc/terms/spatial> <" + url + "/id/jurisdiction/wales>"
        on_first = [line for line in first.text.splitlines() if spatial in line]
        on_second = [line for line in second.text.splitlines() if spatial in line]
        # 150 extra resources, plus the 10 things the shipped data says apply in Wales, 100 links a page.
        assert 90 < len(on_first) <= 100 and len(on_first) + len(on_second) == 160
        assert not set(on_first) & set(on_second)
        html = requests.get(url + "/doc/jurisdiction/wales", headers={"Accept": BROWSER_ACCEPT}, timeout=10).text
        assert 'rel="next" href="?page=2"' in html
        assert requests.get(url + "/doc/jurisdiction/wales?page=0", timeout=10).status_code == 400
