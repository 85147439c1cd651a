"""Membership decisions taken before the register existed get their entry, numbered per year
in the order they took effect. Written against model classes passed in, so the data
migration (historical models) and the demo (rows it writes directly) share it."""

from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext

from tashbeek.core.i18n import language_codes

PUBLIC_KINDS = ("accepted", "withdrawn")


def membership_titles(decision) -> dict:
    """ "Accepted: Aourir" in every language, the organisation named in each."""
    organisation = decision.organisation or getattr(decision.application, "organisation", None)
    names = organisation.names if organisation else (decision.application.names or {})
    label = dict(decision._meta.get_field("kind").choices).get(decision.kind, decision.kind)
    titles = {}
    for code in language_codes():
        with translation.override(code):
            name = names.get(code) or next(iter(names.values()), "")
            titles[code] = f"{gettext(str(label))}: {name}".strip(": ")
    return titles


def register_missing(*, membership_model, decision_model, body_model, counter_model) -> int:
    steering = body_model.objects.filter(kind="steering").order_by("pk").first()
    missing = membership_model.objects.filter(register_entry__isnull=True).select_related(
        "organisation", "application"
    )
    count = 0
    for decision in missing.order_by("effective_on", "pk"):
        year = decision.effective_on.year
        key = f"governance.decisions.{year}"
        counter, _created = counter_model.objects.get_or_create(key=key, defaults={"value": 0})
        counter_model.objects.filter(pk=counter.pk).update(value=F("value") + 1)
        decision_model.objects.create(
            year=year,
            number=counter_model.objects.get(pk=counter.pk).value,
            source="membership",
            body=steering,
            decided_on=decision.effective_on,
            titles=membership_titles(decision),
            visibility="public" if decision.kind in PUBLIC_KINDS else "members",
            membership_decision=decision,
            recorded_by=decision.decided_by,
        )
        count += 1
    return count
