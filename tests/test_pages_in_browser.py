"""The HTML pages in a real browser: they load, show what they should, log no errors, and render."""

from __future__ import annotations

import pytest

from .browser import browser_page, distinct_colours
from .server_process import running_server

PAGES = [
    ("/", "Guidance for case reviews after the death or serious injury of a child"),
    ("/id/resource/what-do-serious-case-reviews-achieve-2012", "What do serious case reviews achieve?"),
    ("/id/jurisdiction/scotland", "Scotland"),
    ("/compare", "The four nations compared"),
]


@pytest.fixture(scope="module")
def server():
    with running_server() as url:
        yield url


@pytest.mark.parametrize("path,heading", PAGES)
def test_page_loads_without_console_errors_and_renders(server, path, heading):
    with browser_page() as page:
        response = page.goto(server + path)
        assert response.status == 200
        assert page.locator("h1").first.inner_text() == heading
        assert page.console_errors == []
        screenshot = page.screenshot(full_page=True)
        assert distinct_colours(screenshot) > 8  # text, links and header colours: not a blank page
        assert page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor") == "rgb(18, 53, 91)"


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
