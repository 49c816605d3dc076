"""The HTML pages in a real browser: they load, show what they should, log no errors, and render."""

from __future__ import annotations

import pytest

from .browser import browser_page, distinct_colours

PAGES = [
    ("/", "Guidance for case reviews after the death or serious injury of a child"),
    ("/id/resource/what-do-serious-case-reviews-achieve-2012", "What do serious case reviews achieve?"),
    ("/id/jurisdiction/scotland", "Scotland"),
    ("/compare", "The four nations compared"),
]


@pytest.mark.parametrize("path,heading", PAGES)
def test_page_loads_without_console_errors_and_renders(server, path, heading):
    with browser_page() as page:
        response = page.goto(server + path)
        assert response.status == 200
        assert page.locator("h1").first.inner_text() == heading
        assert page.console_errors == []
        screenshot = page.screenshot(full_page=True)
        assert distinct_colours(screenshot) > 8  # text, links and header colours: not a blank page
        assert (
            page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor")
            == "rgb(18, 53, 91)"
        )


def test_following_links_reaches_a_nation_and_its_review_types(server):
    with browser_page() as page:
        page.goto(server + "/")
        page.get_by_role("link", name="Wales", exact=True).first.click()
        assert page.locator("h1").inner_text() == "Wales"
        page.get_by_role("link", name="Child practice review (Wales)").first.click()
        assert page.locator("h1").inner_text() == "Child practice review (Wales)"
        assert page.url.endswith("/doc/review-type/child-practice-review")
        assert page.console_errors == []


def test_timeline_is_drawn_in_the_comparison_page(server):
    with browser_page() as page:
        page.goto(server + "/compare")
        bars = page.locator("figure.timeline svg rect[rx]")
        assert bars.count() == 10
        box = bars.first.bounding_box()
        assert box["width"] > 20 and box["height"] > 10


def test_query_page_runs_an_example_and_shows_rows_with_links(server):
    with browser_page() as page:
        page.goto(server + "/sparql")
        page.select_option("#example", label="What covers more than one nation")
        assert "two or more of the four nations" in page.locator("#example-comment").inner_text()
        page.click("#run")
        page.wait_for_selector("#result-table tbody tr")
        rows = page.locator("#result-table tbody tr")
        assert rows.count() == 2
        link = rows.first.locator("a").first
        assert link.get_attribute("href") == server + "/id/list/nspcc-case-review-reading-list-2013"
        assert page.locator("#result-count").inner_text() == "(2 rows)"
        csv_link = page.locator('#downloads a[data-format="csv"]')
        assert csv_link.is_visible() and "format=csv" in csv_link.get_attribute("href")
        assert page.console_errors == []


def test_query_page_shows_errors_plainly(server):
    with browser_page() as page:
        page.goto(server + "/sparql")
        page.fill("#query", "SELECT ?x WHERE { ?x")
        page.click("#run")
        page.wait_for_selector("#error:not([hidden])")
        assert "Malformed query" in page.locator("#error").inner_text()
