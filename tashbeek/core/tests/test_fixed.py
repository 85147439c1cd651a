"""`{% fixed %}`: rendered once per language (core/fixed.py), the same as a full render, and
refused at compile time for anything that could differ between readers."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client, override_settings
from django.utils import translation

pytestmark = pytest.mark.django_db


def _render(source: str, context: dict, language: str = "en") -> str:
    with translation.override(language):
        return Template("{% load i18n static tashbeek %}" + source).render(Context(context))


def test_rendered_once_per_language():
    template = Template(
        "{% load i18n tashbeek %}"
        '{% fixed %}{% translate "Search" %}|{{ nav.members }}{% endfixed %}'
    )
    renders = [("en", "/en/"), ("fr", "/fr/"), ("ar", "/ar/"), ("en", "/changed/")]
    seen = []
    for language, link in renders:
        with translation.override(language):
            seen.append(template.render(Context({"nav": {"members": link}})))
    # The second English render is the first one again: the block was not rendered anew.
    assert seen == ["Search|/en/", "Rechercher|/fr/", "ابحث|/ar/", "Search|/en/"]


def test_each_block_keeps_its_own_text():
    html = _render(
        '{% fixed %}<a>{% translate "Search" %}</a>{% endfixed %}'
        '{% fixed %}<b>{% translate "Next" %}</b>{% endfixed %}',
        {},
    )
    assert html == "<a>Search</a><b>Next</b>"


@pytest.mark.parametrize(
    "inner",
    [
        "{{ user.full_name }}",
        "{{ request.path }}",
        "{{ nav.members|default:user.email }}",
        "{% translate title %}",
        "{% translate 'Search' as label %}",
        "{% translate 'Search' context kind %}",
        "{% static path %}",
        "{% if user %}x{% endif %}",
        "{% csrf_token %}",
        "{% url 'members:directory' %}",
    ],
)
def test_anything_that_could_differ_between_readers_is_refused(inner):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load i18n static tashbeek %}{% fixed %}" + inner + "{% endfixed %}")


@pytest.mark.parametrize("language", ["ar", "he", "fr", "en"])
def test_pages_are_the_same_as_a_full_render(language, aourir):
    client = Client()
    client.cookies["tashbeek_language"] = language
    for path in ("/members/", "/members/?q=zzzz", "/members/?country=MA", f"/members/{aourir.pk}/"):
        shared = client.get(path).content.decode()
        with override_settings(DEBUG=True):  # DEBUG renders every block in full
            full = client.get(path).content.decode()
        strip = lambda html: html.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
        assert strip(shared) == strip(full)
        assert shared.split("</header>")[1] == full.split("</header>")[1]
