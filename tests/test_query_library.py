"""Each example query in queries/ gives its real answer on the shipped data, through the endpoint."""

from __future__ import annotations

import pytest
from SPARQLWrapper import JSON, SPARQLWrapper

from server.query_library import example_queries

EXAMPLES = {example.slug: example for example in example_queries()}


@pytest.fixture(scope="module")
def ask(served):
    def run(slug):
        client = SPARQLWrapper(served.url + "/sparql")
        client.setQuery(EXAMPLES[slug].text)
        client.setReturnFormat(JSON)
        result = client.query().convert()
        short = lambda term: term["value"].replace(served.base, "")  # noqa: E731
        return [{name: short(term) for name, term in row.items()} for row in result["results"]["bindings"]]

    return run


def test_every_example_has_a_title_and_a_comment():
    assert len(EXAMPLES) >= 6
    for example in EXAMPLES.values():
        assert example.title and not example.title.startswith("#") and len(example.comment) > 20, example.slug


def test_resources_by_nation_and_year(ask):
    rows = ask("resources-by-nation-and-year")
    wales = [(r["year"], r["resource"]) for r in rows if r["nation"] == "Wales"]
    assert wales == [
        ("2013", "id/list/nspcc-case-review-reading-list-2013"),
        ("2012", "id/resource/protecting-children-in-wales-child-practice-reviews-2012"),
        ("2009", "id/resource/safeguarding-through-audit-2009"),
    ]
    assert {r["nation"] for r in rows} == {"England", "Northern Ireland", "Scotland", "United Kingdom", "Wales"}


def test_review_types_in_force_in_2013(ask):
    rows = {(r["nation"], r["label"]): r.get("equivalents", "") for r in ask("review-types-in-force-in-2013")}
    assert set(rows) == {
        ("England", "Serious case review (England)"),
        ("Northern Ireland", "Case management review (Northern Ireland)"),
        ("Scotland", "Initial case review (Scotland)"),
        ("Scotland", "Significant case review (Scotland)"),
        ("Wales", "Child practice review (Wales)"),
    }
    assert "Case management review (Northern Ireland)" in rows[("Wales", "Child practice review (Wales)")]


def test_statutory_guidance_editions(ask):
    rows = ask("statutory-guidance-editions")
    england = [(r["label"], r.get("replaces")) for r in rows if r["nation"] == "England"]
    assert england[0] == ("Working together to safeguard children (2006)", None)
    assert england[-1] == (
        "Working together to safeguard children 2023",
        "Working together to safeguard children (2018)",
    )
    assert len(england) == 6
    assert {r["nation"] for r in rows} == {"England", "Northern Ireland", "Scotland", "Wales"}


def test_published_by_the_department_for_education(ask):
    rows = ask("published-by-the-department-for-education")
    assert [(r["resource"], r["role"]) for r in rows] == [
        ("id/resource/learning-from-serious-case-reviews-2010", "publisher"),
        ("id/resource/national-panel-information-for-lscbs-2013", "publisher"),
        ("id/resource/working-together-to-safeguard-children-2013", "publisher"),
    ]


def test_journal_articles_with_citations(ask):
    rows = ask("journal-articles-with-citations")
    assert [(r["author"], r["position"]) for r in rows] == [
        ("J. Devaney", "1"),
        ("A. Lazenbatt", "2"),
        ("L. Bunting", "3"),
        ("P. Sidebotham", "1"),
    ]
    assert {(r["journal"], r["volume"], r["issue"], r["pages"]) for r in rows} == {
        ("British Journal of Social Work", "41", "2", "242-260"),
        ("Archives of Disease in Childhood", "97", "3", "189-192"),
    }


def test_resources_covering_more_than_one_nation(ask):
    rows = ask("resources-covering-more-than-one-nation")
    assert [(r["resource"], r["nations"]) for r in rows] == [
        ("id/list/nspcc-case-review-reading-list-2013", "4"),
        ("id/resource/safeguarding-through-audit-2009", "2"),
    ]


def test_review_type_successions(ask):
    rows = {(r["earlier"], r["later"]): (r.get("endedIn"), r.get("startedIn")) for r in ask("review-type-successions")}
    assert rows[("Child practice review (Wales)", "Single unified safeguarding review (Wales)")] == (
        "2024-09-30",
        "2024-10-01",
    )
    assert rows[("Serious case review (Wales)", "Child practice review (Wales)")] == ("2012", "2013-01")
    assert ("Initial case review (Scotland)", "Learning review (Scotland)") in rows
    assert len(rows) == 6
