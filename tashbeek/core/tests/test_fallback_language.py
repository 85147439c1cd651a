"""Content shown in another language than the page's carries its `lang` and `dir`, and a block
that is a fallback says so in the page's language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tashbeek.communities.models import Community
from tashbeek.core.i18n import pick

pytestmark = pytest.mark.django_db


def _render(source: str, **context) -> str:
    return Template("{% load tashbeek %}" + source).render(Context(context))


def test_an_english_description_on_a_hebrew_page_is_marked_and_announced(client):
    platform = Community.objects.create(
        slug="area-c",
        names={"he": "פלטפורמת אזור C", "en": "Area C platform"},
        purposes={"en": "Planning in Area C, and SDG 11."},
    )
    client.cookies["tashbeek_language"] = "he"
    html = client.get(platform.get_absolute_url()).content.decode()
    assert '<div lang="en" dir="ltr"><p>Planning in Area C, and SDG 11.</p></div>' in html
    assert '<p class="fallback-note">לא זמין בעברית: מוצג באנגלית.</p>' in html
    # The name exists in Hebrew: no marking.
    assert "<bdi" not in html.split("<h1")[1].split("</h1>")[0]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("ar", '<bdi lang="fr" dir="ltr">Commune d&#x27;Aourir</bdi>'),
        ("he", '<bdi lang="fr" dir="ltr">Commune d&#x27;Aourir</bdi>'),
        ("fr", "Commune d&#x27;Aourir"),
        ("en", '<bdi lang="fr" dir="ltr">Commune d&#x27;Aourir</bdi>'),
    ],
)
def test_inline_names_carry_their_language_where_it_is_not_the_pages(page, expected):
    with translation.override(page):
        name = pick({"fr": "Commune d'Aourir"})
        assert _render("{{ name|lang }}", name=name) == expected


def test_an_arabic_name_on_a_french_page_is_right_to_left_and_escaped():
    with translation.override("fr"):
        name = pick({"ar": "<b>جماعة</b> أورير"})
        html = _render("{{ name|lang }}", name=name)
    assert html == '<bdi lang="ar" dir="rtl">&lt;b&gt;جماعة&lt;/b&gt; أورير</bdi>'


def test_plain_text_and_the_pages_own_language_are_left_alone():
    with translation.override("ar"):
        assert _render("{{ t|lang }}|{{ t|prose }}", t="نص") == "نص|<p>نص</p>"
        same = pick({"ar": "نص", "fr": "texte"})
        assert _render("{{ t|lang:1 }}", t=same) == "نص"


def test_a_radio_group_is_a_fieldset_with_a_legend_not_an_empty_label():
    from django import forms
    from django.template.loader import render_to_string

    class Decision(forms.Form):
        kind = forms.ChoiceField(
            label="Decision", choices=[("a", "Accept"), ("r", "Reject")], widget=forms.RadioSelect
        )

    html = render_to_string("includes/form.html", {"form": Decision()})
    assert 'for=""' not in html
    assert "<fieldset><legend>Decision *</legend>" in html
    assert 'for="id_kind_0"' in html  # each choice keeps its own label
