"""The shipped data holds the reading list, in its order and wording, and the sourced context."""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from server.dataset import DATA_DIR, load_graph, shipped_files

from .conftest import BASE, SEED

SDO = Namespace("http://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
LIST = URIRef(BASE + "id/list/nspcc-case-review-reading-list-2013")

SEED_ORDER = [
    (
        "working-together-to-safeguard-children-2013",
        "Working together to safeguard children: a guide to inter-agency working to safeguard and promote the welfare of children",
    ),
    (
        "national-panel-information-for-lscbs-2013",
        "National panel of independent experts on serious case review: information for LSCBs and Chairs on how the panel will operate",
    ),
    (
        "undertaking-serious-case-reviews-using-scie-learning-together-2013",
        "Undertaking serious case reviews using the Social Care Institute for Excellence (SCIE) learning together systems model: lessons from the pilots",
    ),
    (
        "training-materials-and-lscb-commissioning-material-2013",
        "Training materials and LSCB commissioning material with Knowledge and Skills Framework",
    ),
    (
        "audit-and-analysis-of-initial-and-significant-case-reviews-2012",
        "Audit and analysis of initial and significant case reviews",
    ),
    ("what-do-serious-case-reviews-achieve-2012", "What do serious case reviews achieve?"),
    (
        "inquiring-into-non-accidental-child-deaths-2011",
        "Inquiring into non-accidental child deaths: reviewing the review process",
    ),
    (
        "learning-from-serious-case-reviews-2010",
        "Learning from serious case reviews: report of a research study on the methods of learning lessons nationally from serious case reviews",
    ),
    ("safeguarding-through-audit-2009", "Safeguarding through audit: a guide to auditing case review recommendations"),
]


def resource(slug: str) -> URIRef:
    return URIRef(f"{BASE}id/resource/{slug}")


def list_items_in_order(graph, list_iri):
    items = [
        (int(graph.value(li, SDO.position)), graph.value(li, SDO.item))
        for li in graph.objects(list_iri, SDO.itemListElement)
    ]
    return [item for _, item in sorted(items)]


def test_reading_list_holds_every_seed_item_in_the_seed_order(catalogue):
    assert list_items_in_order(catalogue, LIST) == [resource(slug) for slug, _ in SEED_ORDER]
    assert catalogue.value(LIST, SDO.numberOfItems) == Literal(9)


def test_reading_list_has_its_two_sections_in_order(catalogue):
    sections = sorted(catalogue.objects(LIST, SDO.hasPart), key=lambda s: int(catalogue.value(s, SDO.position)))
    assert [str(catalogue.value(s, SDO.name)) for s in sections] == [
        "Learning models for serious case reviews",
        "Practice guidance and learning audits",
    ]
    assert list_items_in_order(catalogue, sections[1]) == [resource(slug) for slug, _ in SEED_ORDER[1:]]


@pytest.mark.parametrize("slug,title", SEED_ORDER)
def test_titles_keep_the_seed_wording(catalogue, slug, title):
    assert list(catalogue.objects(resource(slug), DCTERMS.title)) == [Literal(title, lang="en")]
    assert title.split(":")[0] in SEED.read_text(encoding="utf-8")


@pytest.mark.parametrize("slug,_title", SEED_ORDER[1:])
def test_abstracts_are_the_seed_text_word_for_word(catalogue, slug, _title):
    abstract = catalogue.value(resource(slug), DCTERMS.abstract)
    assert abstract is not None and abstract.language == "en"
    assert str(abstract) in SEED.read_text(encoding="utf-8")


def test_authors_are_in_citation_order(catalogue):
    authors = Collection(
        catalogue, catalogue.value(resource("learning-from-serious-case-reviews-2010"), BIBO.authorList)
    )
    assert [str(catalogue.value(a, SDO.familyName)) for a in authors] == [
        "Sidebotham",
        "Brandon",
        "Powell",
        "Solebo",
        "Koistinen",
        "Ellis",
    ]
    devaney = Collection(
        catalogue, catalogue.value(resource("inquiring-into-non-accidental-child-deaths-2011"), BIBO.authorList)
    )
    assert [str(catalogue.value(a, SDO.familyName)) for a in devaney] == ["Devaney", "Lazenbatt", "Bunting"]


def test_author_lists_name_exactly_the_creators(catalogue):
    for work in set(catalogue.subjects(DCTERMS.creator, None)):
        if (work, RDF.type, SDO.CreativeWork) not in catalogue:
            continue
        authors = list(Collection(catalogue, catalogue.value(work, BIBO.authorList)))
        assert sorted(authors) == sorted(catalogue.objects(work, DCTERMS.creator)), work


def test_journal_article_has_issue_volume_periodical_and_pages(catalogue):
    article = resource("what-do-serious-case-reviews-achieve-2012")
    issue = catalogue.value(article, SDO.isPartOf)
    volume = catalogue.value(issue, SDO.isPartOf)
    journal = catalogue.value(volume, SDO.isPartOf)
    assert (issue, RDF.type, SDO.PublicationIssue) in catalogue
    assert str(catalogue.value(issue, SDO.issueNumber)) == "3"
    assert str(catalogue.value(volume, SDO.volumeNumber)) == "97"
    assert str(catalogue.value(journal, SDO.name)) == "Archives of Disease in Childhood"
    assert (str(catalogue.value(article, SDO.pageStart)), str(catalogue.value(article, SDO.pageEnd))) == ("189", "192")
    assert catalogue.value(article, DCTERMS.issued) == Literal("2012-03", datatype=XSD.gYearMonth)


def test_inferred_place_of_publication_is_marked(catalogue):
    cr = Namespace(BASE + "def/casereviews#")
    panel = resource("national-panel-information-for-lscbs-2013")
    assert str(catalogue.value(panel, cr.placeOfPublication)) == "London"
    assert catalogue.value(panel, cr.placeOfPublicationInferred).toPython() is True
    assert catalogue.value(resource("learning-from-serious-case-reviews-2010"), cr.placeOfPublicationInferred) is None


@pytest.mark.parametrize(
    "slug,wikidata,gss",
    [
        ("england", "Q21", "E92000001"),
        ("scotland", "Q22", "S92000003"),
        ("wales", "Q25", "W92000004"),
        ("northern-ireland", "Q26", "N92000002"),
        ("united-kingdom", "Q145", "K02000001"),
    ],
)
def test_jurisdictions_carry_their_identifiers(catalogue, slug, wikidata, gss):
    nation = URIRef(f"{BASE}id/jurisdiction/{slug}")
    assert (nation, RDF.type, SDO.AdministrativeArea) in catalogue
    assert catalogue.value(nation, OWL.sameAs) == URIRef(f"http://www.wikidata.org/entity/{wikidata}")
    assert str(catalogue.value(nation, SKOS.notation)) == gss
    assert URIRef(f"http://statistics.data.gov.uk/id/statistical-geography/{gss}") in set(
        catalogue.objects(nation, SKOS.exactMatch)
    )


def test_every_nation_has_a_review_type_and_statutory_guidance(catalogue):
    statutory = URIRef(BASE + "id/concept/statutory-guidance")
    for nation in ("england", "scotland", "wales", "northern-ireland"):
        iri = URIRef(f"{BASE}id/jurisdiction/{nation}")
        review_types = [
            rt
            for rt in catalogue.subjects(DCTERMS.spatial, iri)
            if (rt, SKOS.inScheme, URIRef(BASE + "def/review-types")) in catalogue
        ]
        guidance = [g for g in catalogue.subjects(DCTERMS.spatial, iri) if (g, DCTERMS.type, statutory) in catalogue]
        assert review_types and guidance, nation


def test_close_matches_are_stated_both_ways(catalogue):
    for a, b in catalogue.subject_objects(SKOS.closeMatch):
        assert (b, SKOS.closeMatch, a) in catalogue, (a, b)


def test_replacement_links_are_stated_both_ways(catalogue):
    for new, old in catalogue.subject_objects(DCTERMS.replaces):
        assert (old, DCTERMS.isReplacedBy, new) in catalogue, (new, old)
    for old, new in catalogue.subject_objects(DCTERMS.isReplacedBy):
        assert (new, DCTERMS.replaces, old) in catalogue, (old, new)


def test_working_together_editions_form_one_chain(catalogue):
    edition, years = resource("working-together-to-safeguard-children-2006"), []
    while edition is not None:
        years.append(str(catalogue.value(edition, DCTERMS.issued))[:4])
        edition = catalogue.value(edition, DCTERMS.isReplacedBy)
    assert years == ["2006", "2010", "2013", "2015", "2018", "2023"]


def test_every_dataset_iri_has_a_label_and_follows_the_uri_pattern(catalogue):
    pattern = re.compile(r"^(id/[a-z-]+/[a-z0-9-]+(#[a-z0-9-]+)?|def/[a-z-]+(#[A-Za-z]+)?|dataset)$")
    subjects = {s for s in catalogue.subjects() if isinstance(s, URIRef) and str(s).startswith(BASE)}
    assert len(subjects) > 100
    for subject in subjects:
        assert pattern.match(str(subject)[len(BASE) :]), subject
        assert catalogue.value(subject, RDFS.label) is not None, subject


def test_everything_mentioned_is_described(catalogue):
    """No dangling links: every dataset IRI used as an object is also a subject."""
    subjects = set(catalogue.subjects())
    for obj in set(catalogue.objects()):
        if isinstance(obj, URIRef) and str(obj).startswith(BASE):
            assert obj in subjects, obj


def test_every_resource_records_its_source(catalogue):
    for work in catalogue.subjects(RDF.type, SDO.CreativeWork):
        assert catalogue.value(work, DCTERMS.source) is not None, work


def test_data_files_hard_code_no_host():
    for path in DATA_DIR.glob("*.ttl"):
        text = path.read_text(encoding="utf-8")
        assert "localhost" not in text and "example" not in text, path
    first = load_graph(shipped_files(), "http://one.test/")
    second = load_graph(shipped_files(), "https://two.test/deep/path/")
    assert len(first) == len(second)
    assert URIRef("https://two.test/deep/path/id/jurisdiction/wales") in set(second.subjects())
