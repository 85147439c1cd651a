"""`{% pagination page %}`: previous/next links that keep the query string, and the page
number, on every list."""

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

TEMPLATE = Template("{% load tashbeek %}{% pagination page %}")


def _render(query: str, number: int, total_rows: int = 25, language: str = "en") -> str:
    request = RequestFactory().get("/list/" + query)
    page = Paginator(range(total_rows), 10).get_page(number)
    with translation.override(language):
        return TEMPLATE.render(Context({"request": request, "page": page}))


def test_middle_page_links_both_ways_and_keeps_the_query():
    html = _render("?country=MA&q=a%26b%22&page=2", 2)
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert '<a rel="prev" href="?country=MA&amp;q=a%26b%22&amp;page=1">Previous</a>' in html
    assert '<a rel="next" href="?country=MA&amp;q=a%26b%22&amp;page=3">Next</a>' in html
    assert "<span>Page 2 of 3</span>" in html


def test_first_and_last_pages_have_one_link():
    first, last = _render("", 1), _render("?page=3", 3)
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="?page=2"' in last and 'rel="next"' not in last


def test_a_single_page_prints_nothing():
    assert _render("?q=x", 1, total_rows=5) == ""


def test_translated():
    html = _render("", 1, language="ar")
    assert "الصفحة 1 من 3" in html
    assert 'aria-label="Pages"' not in html


def test_same_links_as_the_querystring_tag_it_replaces():
    request = RequestFactory().get("/list/?b=2&a=1&a=3&page=2")
    page = Paginator(range(30), 10).get_page(2)
    context = Context({"request": request, "page": page})
    expected = Template("{% querystring request.GET page=3 %}").render(context)
    assert f'href="{expected}"' in TEMPLATE.render(context)


def test_with_param_sets_in_place_removes_and_resets_the_page():
    from tashbeek.core.templatetags.tashbeek import with_param

    context = Context({"request": RequestFactory().get("/list/?a=1&b=2&b=3&page=4&c=x")})
    assert with_param(context, "b", "9") == "?a=1&b=9&c=x"
    assert with_param(context, "b") == "?a=1&c=x"
    assert with_param(context, "d", "é") == "?a=1&b=2&b=3&c=x&d=%C3%A9"
    assert with_param(context, "page", 5) == "?a=1&b=2&b=3&c=x&page=5"
