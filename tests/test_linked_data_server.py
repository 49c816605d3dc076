"""The linked-data server, through a real server process and real HTTP clients."""

from __future__ import annotations

import gzip
import json

import pytest
import rdflib
import requests
from rdflib.compare import isomorphic

from .server_process import another_front_end, running_catalogue

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
RDF_MEDIA_TYPES = {
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "rdf": ("application/rdf+xml", "xml"),
}


@pytest.fixture(scope="module")
def all_things(server):
    """Every dataset IRI with an /id/ form, from the server's own dump."""
    graph = rdflib.Graph().parse(data=requests.get(server + "/dataset.nt", timeout=10).text, format="nt")
    return sorted({str(s) for s in graph.subjects() if str(s).startswith(server + "/id/") and "#" not in str(s)})


def get(url, accept=None, **kwargs):
    headers = {"Accept": accept} if accept else {}
    return requests.get(url, headers=headers, allow_redirects=False, timeout=10, **kwargs)


def test_id_iri_redirects_303_to_document(server):
    response = get(server + "/id/jurisdiction/wales", "text/turtle")
    assert response.status_code == 303
    assert response.headers["Location"] == "/doc/jurisdiction/wales"


def test_unknown_id_is_404_in_the_negotiated_form(server):
    response = get(server + "/id/resource/no-such-thing", "application/ld+json")
    assert response.status_code == 404
    assert response.json()["status"] == 404
    html = get(server + "/doc/resource/no-such-thing", BROWSER_ACCEPT)
    assert html.status_code == 404 and "<h1>404 Not Found</h1>" in html.text


@pytest.mark.parametrize(
    "accept,expected",
    [
        ("*/*", "text/turtle"),
        (None, "text/turtle"),
        (BROWSER_ACCEPT, "text/html"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
        ("application/rdf+xml", "application/rdf+xml"),
        ("text/turtle;q=0.5, application/rdf+xml;q=0.9", "application/rdf+xml"),
        ("text/html;q=0, */*;q=0.1", "text/turtle"),
    ],
)
def test_documents_negotiate_with_q_values_and_wildcards(server, accept, expected):
    response = get(server + "/doc/jurisdiction/scotland", accept)
    assert response.status_code == 200
    assert response.headers["Content-Type"].split(";")[0] == expected
    assert "Accept" in response.headers["Vary"]


def test_extension_and_format_parameter_override_accept(server):
    by_extension = get(server + "/doc/jurisdiction/wales.jsonld", "text/turtle")
    by_parameter = get(server + "/doc/jurisdiction/wales?_format=nt", "text/turtle")
    assert by_extension.headers["Content-Type"].startswith("application/ld+json")
    assert by_parameter.headers["Content-Type"].startswith("application/n-triples")


def test_nothing_acceptable_is_406_listing_what_is_available(server):
    response = get(server + "/doc/jurisdiction/wales", "image/png")
    assert response.status_code == 406
    for media_type in (
        "text/turtle",
        "application/ld+json",
        "application/n-triples",
        "application/rdf+xml",
        "text/html",
    ):
        assert media_type in response.text


def test_negotiated_answers_carry_link_and_content_location(server):
    response = get(server + "/doc/jurisdiction/wales", "application/ld+json")
    assert response.headers["Content-Location"] == "/doc/jurisdiction/wales.jsonld"
    for ext in ("ttl", "jsonld", "nt", "rdf", "html"):
        assert f'</doc/jurisdiction/wales.{ext}>; rel="alternate"' in response.headers["Link"]


def test_etag_304_head_and_gzip(server):
    url = server + "/doc/resource/safeguarding-through-audit-2009"
    first = get(url, "text/turtle")
    assert first.headers["ETag"].startswith('"') and "max-age" in first.headers["Cache-Control"]
    again = (
        get(
            url,
            "text/turtle",
        )
        if False
        else requests.get(url, headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]}, timeout=10)
    )
    assert again.status_code == 304 and again.content == b""
    head = requests.head(url, headers={"Accept": "text/turtle"}, timeout=10)
    assert head.status_code == 200 and head.content == b"" and head.headers["ETag"] == first.headers["ETag"]
    raw = requests.get(url, headers={"Accept": "text/turtle", "Accept-Encoding": "gzip"}, timeout=10, stream=True)
    assert raw.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(raw.raw.read()) == first.content


def test_another_front_end_gives_the_same_answers_and_etags(served):
    """Front-ends hold no state of their own: on one store (or the same files) they agree exactly."""
    server = served.url
    with another_front_end(served) as second:
        for path in ("/doc/resource/what-do-serious-case-reviews-achieve-2012", "/doc/jurisdiction/wales", "/"):
            for accept in ("text/turtle", "application/ld+json", BROWSER_ACCEPT):
                ours, theirs = get(server + path, accept), get(second + path, accept)
                assert ours.headers["ETag"] == theirs.headers["ETag"], (path, accept)
                assert ours.content == theirs.content


def test_every_thing_in_every_format_parses_to_the_same_graph(server, all_things):
    assert len(all_things) > 80
    for iri in all_things:
        document = iri.replace("/id/", "/doc/")
        graphs = {}
        for ext, (media_type, rdflib_format) in RDF_MEDIA_TYPES.items():
            response = get(f"{document}.{ext}")
            assert response.status_code == 200, (document, ext)
            assert response.headers["Content-Type"].startswith(media_type)
            graphs[ext] = rdflib.Graph().parse(data=response.text, format=rdflib_format, publicID=document)
        assert rdflib.URIRef(iri) in set(graphs["ttl"].subjects()), iri
        for ext in ("jsonld", "nt", "rdf"):
            assert isomorphic(graphs["ttl"], graphs[ext]), (iri, ext)


def test_json_ld_uses_short_keys_from_the_published_context(server):
    response = get(server + "/doc/resource/what-do-serious-case-reviews-achieve-2012.jsonld")
    document = response.json()
    assert document["@context"] == server + "/context.jsonld"
    text = json.dumps(document)
    assert '"title"' in text and '"authorList"' in text and "http://purl.org/dc/terms/title" not in text
    context = get(server + "/context.jsonld").json()["@context"]
    assert context["title"] == {"@id": "dcterms:title"}


def test_document_holds_own_triples_linked_labels_and_inbound_links(server):
    graph = rdflib.Graph().parse(data=get(server + "/doc/jurisdiction/wales.ttl").text, format="turtle")
    wales = rdflib.URIRef(server + "/id/jurisdiction/wales")
    dcterms = rdflib.Namespace("http://purl.org/dc/terms/")
    uk = rdflib.URIRef(server + "/id/jurisdiction/united-kingdom")
    assert graph.value(wales, rdflib.SKOS.notation) == rdflib.Literal("W92000004")
    assert str(graph.value(uk, rdflib.RDFS.label)) == "United Kingdom"
    covering = set(graph.subjects(dcterms.spatial, wales))
    assert rdflib.URIRef(server + "/id/review-type/child-practice-review") in covering
    assert rdflib.URIRef(server + "/id/resource/safeguarding-through-audit-2009") in covering


def test_person_document_lists_their_works(server):
    graph = rdflib.Graph().parse(data=get(server + "/doc/person/sidebotham-p.ttl").text, format="turtle")
    works = set(
        graph.subjects(
            rdflib.URIRef("http://purl.org/dc/terms/creator"), rdflib.URIRef(server + "/id/person/sidebotham-p")
        )
    )
    assert {str(w).rsplit("/", 1)[-1] for w in works} == {
        "what-do-serious-case-reviews-achieve-2012",
        "learning-from-serious-case-reviews-2010",
    }


def test_html_page_shows_names_links_citation_and_embedded_description(server):
    html = get(server + "/doc/resource/what-do-serious-case-reviews-achieve-2012", BROWSER_ACCEPT).text
    assert "<h1>What do serious case reviews achieve?</h1>" in html
    assert '<meta name="citation_journal_title" content="Archives of Disease in Childhood">' in html
    assert '<meta name="citation_firstpage" content="189">' in html
    assert "Sidebotham, P. (2012) ‘What do serious case reviews achieve?’, Archives of Disease in Childhood" in html
    assert '<a href="/doc/person/sidebotham-p">P. Sidebotham</a>' in html
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    embedded = json.loads(html[start : html.index("</script>", start)])
    assert embedded["name"] == "What do serious case reviews achieve?" and embedded["pageStart"] == "189"
    assert ">http://" not in html  # IRIs are links, never shown as text


def test_html_marks_inferred_place_in_brackets(server):
    html = get(server + "/doc/resource/national-panel-information-for-lscbs-2013", BROWSER_ACCEPT).text
    assert "[London]: Department for Education." in html


def test_home_page_shows_the_list_in_order_and_the_nations(server):
    html = get(server + "/", BROWSER_ACCEPT).text
    first = html.index("Working together to safeguard children")
    last = html.index("Safeguarding through audit")
    assert first < last
    for nation in ("England", "Scotland", "Wales", "Northern Ireland"):
        assert f">{nation}</a>" in html
    turtle = get(server + "/", "text/turtle")
    graph = rdflib.Graph().parse(data=turtle.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    assert graph.value(rdflib.URIRef(server + "/dataset"), void.sparqlEndpoint) == rdflib.URIRef(server + "/sparql")


def test_dumps_hold_the_whole_dataset(server):
    turtle = rdflib.Graph().parse(data=get(server + "/dataset.ttl").text, format="turtle")
    ntriples = rdflib.Graph().parse(data=get(server + "/dataset.nt").text, format="nt")
    assert len(turtle) == len(ntriples) > 1000
    assert isomorphic(turtle, ntriples)


def test_def_pages_serve_the_ontology_and_schemes(server):
    ontology = rdflib.Graph().parse(data=get(server + "/def/casereviews.ttl").text, format="turtle")
    review_type = rdflib.URIRef(server + "/def/casereviews#ReviewType")
    assert (review_type, rdflib.RDF.type, rdflib.OWL.Class) in ontology
    html = get(server + "/def/review-types", BROWSER_ACCEPT).text
    assert "Child practice review (Wales)" in html


def test_every_iri_is_under_the_base_the_server_runs_with(served):
    with running_catalogue(served.kind, base="https://data.example.org/casereviews/") as other:
        url = other.url
        turtle = get(url + "/casereviews/doc/jurisdiction/england.ttl").text
        assert (
            "<https://data.example.org/casereviews/id/jurisdiction/england>" in turtle
            or "jur:england" in turtle
            and "https://data.example.org/casereviews/id/jurisdiction/" in turtle
        )
        assert "127.0.0.1" not in turtle
        redirect = get(url + "/casereviews/id/jurisdiction/england")
        assert redirect.status_code == 303 and redirect.headers["Location"] == "/casereviews/doc/jurisdiction/england"


def test_repeated_requests_are_served_from_the_http_cache_honouring_vary(server):
    from .server_process import running_logs

    url = server + "/doc/organisation/sequeli"
    first = requests.get(url, headers={"Accept": "text/turtle", "X-Request-Id": "cache-1"}, timeout=10)
    again = requests.get(url, headers={"Accept": "text/turtle", "X-Request-Id": "cache-2"}, timeout=10)
    other = requests.get(url, headers={"Accept": "application/ld+json", "X-Request-Id": "cache-3"}, timeout=10)
    assert again.content == first.content and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["X-Request-Id"] == "cache-2" and again.headers["Vary"] == first.headers["Vary"]
    assert other.headers["Content-Type"].startswith("application/ld+json")
    not_modified = requests.get(
        url, headers={"Accept": "text/turtle", "If-None-Match": first.headers["ETag"]}, timeout=10
    )
    assert not_modified.status_code == 304 and not_modified.content == b""
    head = requests.head(url, headers={"Accept": "text/turtle"}, timeout=10)
    assert head.status_code == 200 and head.content == b"" and head.headers["Content-Length"] == str(len(first.content))
    lines = [json.loads(line) for line in running_logs[server].read_text().splitlines() if line.startswith("{")]
    by_id = {line["request_id"]: line for line in lines}
    assert "cache" not in by_id["cache-1"] and by_id["cache-2"]["cache"] == "hit"
    assert "cache" not in by_id["cache-3"]
