"""Citations for reference managers: exact references for each kind of item, BibTeX and RIS that
real parsers read back to the same fields, CSL-JSON, and content negotiation like a DOI resolver's."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import requests
import rispy

from .conftest import run_cli

LIST = "/doc/list/nspcc-case-review-reading-list-2013"
ARTICLE = "/doc/resource/what-do-serious-case-reviews-achieve-2012"

# Hand-checked against Cite Them Right (Harvard), APA 7 and Vancouver conventions.
HARVARD = {
    # journal article: journal, volume(issue), pages, the article page
    "what-do-serious-case-reviews-achieve-2012": "Sidebotham, P. (2012) ‘What do serious case reviews achieve?’, Archives of Disease in Childhood, "
    "97(3), pp. 189–192. Available at: https://adc.bmj.com/content/97/3/189.",
    # three authors, in citation order
    "inquiring-into-non-accidental-child-deaths-2011": "Devaney, J., Lazenbatt, A. and Bunting, L. (2011) ‘Inquiring into non-accidental child deaths: "
    "reviewing the review process’, British Journal of Social Work, 41(2), pp. 242–260.",
    # working paper with its series number; given names as initials
    "undertaking-serious-case-reviews-using-scie-learning-together-2013": "Munro, E.R. and Lushey, C. (2013) Undertaking serious case reviews using the Social Care Institute for "
    "Excellence (SCIE) learning together systems model: lessons from the pilots. Working paper 17. London: "
    "Childhood Wellbeing Research Centre.",
    # government guidance, no person named: the issuing body is the author; the inferred place kept
    "national-panel-information-for-lscbs-2013": "Department for Education (2013) National panel of independent experts on serious case review: "
    "information for LSCBs and Chairs on how the panel will operate. [London]: Department for Education.",
    # statutory guidance by a body, published by another
    "working-together-to-safeguard-children-2013": "HM Government (2013) Working together to safeguard children: a guide to inter-agency working to "
    "safeguard and promote the welfare of children. London: Department for Education.",
    # three bodies as authors, an inferred place
    "training-materials-and-lscb-commissioning-material-2013": "NSPCC, Sequeli and Action for Children (2013) Training materials and LSCB commissioning material with "
    "Knowledge and Skills Framework. [Exeter]: Sequeli.",
    # a report with six authors (et al. from four in this style)
    "learning-from-serious-case-reviews-2010": "Sidebotham, P. et al. (2010) Learning from serious case reviews: report of a research study on the "
    "methods of learning lessons nationally from serious case reviews. London: Department for Education.",
    # a revised edition
    "safeguarding-through-audit-2009": "Handley, M. and Green, R. (2009) Safeguarding through audit: a guide to auditing case review "
    "recommendations. Rev. ed. London: NSPCC.",
    "audit-and-analysis-of-initial-and-significant-case-reviews-2012": "Vincent, S. and Petch, A. (2012) Audit and analysis of initial and significant case reviews. Edinburgh: "
    "The Scottish Government.",
}


def bibliography(server, path, style=None, accept="text/x-bibliography"):
    params = {"style": style} if style else {}
    response = requests.get(server + path, headers={"Accept": accept}, params=params, timeout=30)
    assert response.status_code == 200, response.text
    return response


@pytest.mark.parametrize("slug", sorted(HARVARD))
def test_harvard_reference_for_each_kind_of_item(server, slug):
    response = bibliography(server, f"/doc/resource/{slug}")
    assert response.headers["Content-Type"].startswith("text/x-bibliography")
    assert response.text == HARVARD[slug] + "\n"


def test_apa_and_vancouver_styles(server):
    assert bibliography(server, ARTICLE, "apa").text == (
        "Sidebotham, P. (2012). What do serious case reviews achieve? Archives of Disease in Childhood, 97(3), "
        "189–192. https://adc.bmj.com/content/97/3/189\n"
    )
    assert bibliography(server, ARTICLE, "vancouver").text == (
        "[1] Sidebotham P. What do serious case reviews achieve? Archives of Disease in Childhood 2012;97:189–92.\n"
    )
    working_paper = "/doc/resource/undertaking-serious-case-reviews-using-scie-learning-together-2013"
    assert bibliography(server, working_paper, "apa").text == (
        "Munro, E. R., & Lushey, C. (2013). Undertaking serious case reviews using the Social Care Institute for "
        "Excellence (SCIE) learning together systems model: lessons from the pilots (Working Paper No. 17). "
        "Childhood Wellbeing Research Centre.\n"
    )


def test_unknown_style_or_locale_is_400(server):
    for params in ({"style": "mla"}, {"locale": "xx-YY"}):
        response = requests.get(server + ARTICLE, params=params, headers={"Accept": "text/x-bibliography"}, timeout=10)
        assert response.status_code == 400 and ("harvard" in response.text or "en-GB" in response.text)


def test_the_list_exports_in_its_own_order(server):
    text = bibliography(server, LIST).text
    lines = text.splitlines()
    assert len(lines) == 9
    assert lines[0].startswith("HM Government (2013) Working together")
    assert lines[-1].startswith("Handley, M. and Green, R. (2009)")


def test_bibtex_parses_back_to_the_same_fields(server):
    response = requests.get(server + LIST + ".bib", timeout=30)
    assert response.headers["Content-Type"].startswith("application/x-bibtex")
    library = bibtexparser.parse_string(response.text)
    assert library.failed_blocks == []
    entries = {entry.key: entry for entry in library.entries}
    assert [entry.key for entry in library.entries][0] == "working-together-to-safeguard-children-2013"
    article = {f.key: f.value for f in entries["what-do-serious-case-reviews-achieve-2012"].fields}
    assert entries["what-do-serious-case-reviews-achieve-2012"].entry_type == "article"
    assert article["author"] == "Sidebotham, P."
    assert (article["journal"], article["volume"], article["number"], article["pages"]) == (
        "Archives of Disease in Childhood",
        "97",
        "3",
        "189--192",
    )
    assert (article["year"], article["month"]) == ("2012", "mar")
    paper = {
        f.key: f.value for f in entries["undertaking-serious-case-reviews-using-scie-learning-together-2013"].fields
    }
    assert paper["author"] == "Munro, Emily R. and Lushey, Clare"
    assert (paper["number"], paper["type"], paper["institution"], paper["address"]) == (
        "17",
        "Working paper",
        "Childhood Wellbeing Research Centre",
        "London",
    )
    panel = {f.key: f.value for f in entries["national-panel-information-for-lscbs-2013"].fields}
    assert panel["author"] == "{Department for Education}" and panel["address"] == "[London]"


def test_ris_parses_back_to_the_same_fields(server):
    response = requests.get(server + LIST + ".ris", timeout=30)
    assert response.headers["Content-Type"].startswith("application/x-research-info-systems")
    records = rispy.loads(response.text)
    assert len(records) == 9
    assert records[0]["type_of_reference"] == "GOVDOC" and records[0]["authors"] == ["HM Government"]
    article = records[5]
    assert article["type_of_reference"] == "JOUR"
    assert (article["journal_name"], article["volume"], article["number"]) == (
        "Archives of Disease in Childhood",
        "97",
        "3",
    )
    assert (article["start_page"], article["end_page"], article["year"]) == ("189", "192", "2012")
    devaney = records[6]
    assert devaney["authors"] == ["Devaney, J.", "Lazenbatt, A.", "Bunting, L."] and devaney["date"] == "2011/03/01/"
    assert records[1]["place_published"] == "[London]"
    assert records[2]["type_of_work"] == "Working paper" and records[2]["number"] == "17"


def test_csl_json_items(server):
    response = requests.get(server + ARTICLE, headers={"Accept": "application/vnd.citationstyles.csl+json"}, timeout=30)
    assert response.headers["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    (item,) = response.json()
    assert item["type"] == "article-journal" and item["author"] == [{"family": "Sidebotham", "given": "P."}]
    assert item["issued"] == {"date-parts": [[2012, 3]]}
    assert (item["container-title"], item["volume"], item["issue"], item["page"]) == (
        "Archives of Disease in Childhood",
        "97",
        "3",
        "189-192",
    )
    by_extension = requests.get(server + LIST + ".csl.json", timeout=30).json()
    assert [entry["id"] for entry in by_extension][:2] == [
        "working-together-to-safeguard-children-2013",
        "national-panel-information-for-lscbs-2013",
    ]


def test_list_pages_export_their_works(server):
    nation = requests.get(server + "/doc/jurisdiction/northern-ireland.csl.json", timeout=30).json()
    assert {entry["id"] for entry in nation} == {
        "inquiring-into-non-accidental-child-deaths-2011",
        "co-operating-to-safeguard-children-2003",
        "co-operating-to-safeguard-children-and-young-people-2016",
        "translating-learning-into-action-2013",
        "nspcc-case-review-reading-list-2013",
    }
    person = requests.get(server + "/doc/person/sidebotham-p.bib", timeout=30).text
    assert person.count("@") == 2


def test_things_without_works_are_406_for_citations(server):
    response = requests.get(server + "/doc/concept/disabled-children.bib", timeout=10)
    assert response.status_code == 406 and "text/turtle" in response.text


def test_html_has_citation_meta_tags_and_a_cite_block(server):
    html = requests.get(server + ARTICLE, headers={"Accept": "text/html"}, timeout=10).text
    for name, content in (
        ("citation_title", "What do serious case reviews achieve?"),
        ("citation_author", "Sidebotham, P."),
        ("citation_publication_date", "2012/03"),
        ("citation_journal_title", "Archives of Disease in Childhood"),
        ("citation_volume", "97"),
        ("citation_issue", "3"),
        ("citation_firstpage", "189"),
        ("citation_lastpage", "192"),
    ):
        assert f'<meta name="{name}" content="{content}">' in html
    assert '<h2 id="cite-heading">Cite</h2>' in html
    assert f'<dd class="citation">{HARVARD["what-do-serious-case-reviews-achieve-2012"].replace("‘", "‘")}</dd>' in html
    assert f'<a href="{ARTICLE}.bib">BibTeX</a>' in html
    authors = requests.get(
        server + "/doc/resource/learning-from-serious-case-reviews-2010", headers={"Accept": "text/html"}, timeout=10
    ).text
    names = [
        line.split('content="')[1].split('"')[0] for line in authors.splitlines() if 'name="citation_author"' in line
    ]
    assert names == ["Sidebotham, P.", "Brandon, M.", "Powell, C.", "Solebo, C.", "Koistinen, J.", "Ellis, C."]
    assert '<meta name="citation_publisher" content="Department for Education">' in authors


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "bibliography"])
def test_export_writes_the_whole_list_in_order(fmt, tmp_path):
    out = tmp_path / f"list.{fmt}"
    result = run_cli("export", "--format", fmt, "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    if fmt == "bibtex":
        keys = [entry.key for entry in bibtexparser.parse_string(text).entries]
    elif fmt == "ris":
        keys = [r["notes"][0].rsplit("/", 1)[-1] for r in rispy.loads(text)]
    elif fmt == "csl-json":
        keys = [item["id"] for item in json.loads(text)]
    else:
        assert text.splitlines()[5] == HARVARD["what-do-serious-case-reviews-achieve-2012"]
        return
    assert len(keys) == 9 and keys[0] == "working-together-to-safeguard-children-2013"
    assert keys[-1] == "safeguarding-through-audit-2009"
