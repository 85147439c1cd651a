"""What the decisions register gives the search index: every decision, found by its words in
any of its languages, its body's name and its number; a public decision is for everyone, the
others for the network's members (as `selectors.decisions_visible_to`)."""

import datetime

from django.utils import timezone

from tashbeek.core.i18n import pick
from tashbeek.search.sources import (
    MEMBERS,
    PUBLIC,
    SNIPPET_SOURCE,
    IndexDoc,
    multilingual,
    register,
)


def decision(obj) -> IndexDoc:
    body_names = obj.body.names if obj.body_id else {}
    parts = multilingual(obj.titles, "title") + multilingual(obj.texts, "body")
    parts += multilingual(body_names, "body") + [(obj.reference, None, "title")]
    return IndexDoc(
        kind="decision",
        object_id=obj.pk,
        titles={language: f"{obj.reference} {title}" for language, title in obj.titles.items()},
        parts=parts,
        url=obj.get_absolute_url(),
        audience=PUBLIC if obj.visibility == "public" else MEMBERS,
        text=pick(obj.texts)[:SNIPPET_SOURCE],
        languages=sorted(obj.titles),
        date=timezone.make_aware(datetime.datetime.combine(obj.decided_on, datetime.time())),
    )


register("decision", "governance.Decision", decision, ["body"])
