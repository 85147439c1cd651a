"""A joint tender as an OCDS 1.1 release package (https://standard.open-contracting.org):
the lead authority is the buyer and procuring entity, each participating authority appears
as a buyer of its own contract (the "multiple buyers" pattern of joint procurement), the
items carry the aggregated quantities, and each lot's award and contracts follow."""

import datetime

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import get_language

from tashbeek.core.i18n import pick
from tashbeek.core.money import to_major

from .models import Demand, Tender

OCID_PREFIX = getattr(settings, "OCDS_OCID_PREFIX", "ocds-tashbeek")
MULTIPLE_BUYERS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_multiple_buyers_extension/master/extension.json"
)
STATUS = {
    Tender.Stage.DEMAND: "planning",
    Tender.Stage.PUBLISHED: "active",
    Tender.Stage.EVALUATION: "active",
    Tender.Stage.AWARDED: "complete",
    Tender.Stage.CANCELLED: "cancelled",
}


def _party(org) -> dict:
    return {"id": f"tashbeek-org-{org.pk}", "name": pick(org.names)}


def _value(minor: int, currency: str) -> dict:
    return {"amount": float(to_major(minor, currency)), "currency": currency}


def _when(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "hour"):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return f"{value.isoformat()}T00:00:00Z"


def _tags(tender: Tender) -> list[str]:
    if tender.stage == Tender.Stage.DEMAND:
        return ["planning"]
    if tender.stage == Tender.Stage.CANCELLED:
        return ["tenderCancellation"]
    tags = ["tender"]
    if any(hasattr(lot, "award") for lot in tender.lots.all()):
        tags += ["award", "contract"]
    return tags


def _parties(tender: Tender, awards) -> list[dict]:
    roles: dict[int, tuple] = {}
    orgs = {tender.lead.pk: tender.lead}
    roles[tender.lead.pk] = ["buyer", "procuringEntity"]
    for org in tender.participants.all():
        orgs[org.pk] = org
        roles.setdefault(org.pk, ["buyer"])
    for award in awards:
        orgs[award.supplier.pk] = award.supplier
        roles.setdefault(award.supplier.pk, [])
        roles[award.supplier.pk] = [*roles[award.supplier.pk], "supplier"]
    return [{**_party(orgs[pk]), "roles": roles[pk]} for pk in sorted(orgs)]


def _period(start=None, end=None) -> dict:
    return {k: v for k, v in (("startDate", _when(start)), ("endDate", _when(end))) if v}


def _tender(tender: Tender, totals: dict) -> dict:
    items = []
    lots = []
    for lot in tender.lots.all():
        lots.append({"id": str(lot.number), "title": lot.title, "status": STATUS[tender.stage]})
        for item in lot.items.all():
            items.append(
                {
                    "id": str(item.pk),
                    "description": item.title,
                    "quantity": float(totals.get(item.pk, 0)),
                    "unit": {"name": item.unit},
                    "relatedLot": str(lot.number),
                }
            )
    data = {
        "id": str(tender.pk),
        "title": tender.title,
        "description": tender.text or tender.title,
        "status": STATUS[tender.stage],
        "procuringEntity": _party(tender.lead),
        "items": items,
        "lots": lots,
        "tenderPeriod": _period(tender.published_on, tender.bids_due),
        "enquiryPeriod": _period(tender.published_on, tender.clarification_until),
        "awardPeriod": _period(tender.bids_due, tender.evaluation_until),
    }
    return {k: v for k, v in data.items() if v not in ({}, None)}


def _awards_and_contracts(tender: Tender, awards) -> tuple[list, list]:
    out_awards, out_contracts = [], []
    for award in awards:
        lot = award.lot
        award_id = f"{tender.pk}-lot-{lot.number}"
        out_awards.append(
            {
                "id": award_id,
                "title": lot.title,
                "status": "active",
                "date": _when(award.awarded_on),
                "value": _value(award.amount_minor, tender.currency),
                "suppliers": [_party(award.supplier)],
                "relatedLots": [str(lot.number)],
            }
        )
        for contract in award.contracts.all():
            out_contracts.append(
                {
                    "id": f"{award_id}-{contract.organisation.pk}",
                    "awardID": award_id,
                    "title": f"{lot.title} · {pick(contract.organisation.names)}",
                    "status": "active",
                    "value": _value(contract.amount_minor, tender.currency),
                    "buyer": _party(contract.organisation),
                }
            )
    return out_awards, out_contracts


def release_package(tender: Tender, *, uri: str) -> dict:
    """The tender's current state as one release in a release package."""
    tender = (
        Tender.objects.select_related("lead")
        .prefetch_related("participants", "lots__items", "lots__award__supplier")
        .prefetch_related("lots__award__contracts__organisation")
        .get(pk=tender.pk)
    )
    totals = dict(
        Demand.objects.filter(item__lot__tender=tender)
        .values_list("item")
        .annotate(total=Sum("quantity"))
        .values_list("item", "total")
    )
    awards = [lot.award for lot in tender.lots.all() if hasattr(lot, "award")]
    ocid = f"{OCID_PREFIX}-{tender.pk}"
    release = {
        "ocid": ocid,
        "id": f"{ocid}-{tender.updated_at.astimezone(datetime.UTC):%Y%m%dT%H%M%S}",
        "date": _when(tender.updated_at),
        "tag": _tags(tender),
        "initiationType": "tender",
        "language": (get_language() or settings.LANGUAGE_CODE)[:2],  # texts are picked in it
        "parties": _parties(tender, awards),
        "buyer": _party(tender.lead),
        "tender": _tender(tender, totals),
    }
    awards_out, contracts_out = _awards_and_contracts(tender, awards)
    if awards_out:
        release["awards"] = awards_out
        release["contracts"] = contracts_out
    return {
        "uri": uri,
        "version": "1.1",
        "extensions": [MULTIPLE_BUYERS],
        "publishedDate": _when(timezone.now()),
        "publisher": {"name": "Tashbeek"},
        "releases": [release],
    }
