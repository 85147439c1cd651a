"""Reads of cooperation, scoped to the reader: agreements and projects they may see, a
project's money table ("who pays what") and its progress from the indicators, and the graph
of who cooperates with whom."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from tashbeek.accounts.web import Reader
from tashbeek.core.counters import counter_value
from tashbeek.core.permissions import is_committee_member, is_secretariat
from tashbeek.core.prepared import prepared_rows
from tashbeek.members.models import Organisation
from tashbeek.members.rules import affiliations_of

from .models import (
    Agreement,
    AgreementParty,
    Attachment,
    BudgetLine,
    Contribution,
    Expense,
    Funding,
    Indicator,
    Measurement,
    Participation,
    Project,
    ProjectPartner,
    SharedService,
    Tender,
    phase_q,
)

Row = TypeVar("Row", bound=Model)


def _sees_all(user: Reader) -> bool:
    return is_secretariat(user) or is_committee_member(user)


def _reach(user: Reader) -> tuple[int, ...] | None:
    """The organisations whose proposed agreements and private projects the reader sees
    (their own), or None when they see every one."""
    return None if _sees_all(user) else tuple(sorted(affiliations_of(user)))


def agreements_visible_to(user: Reader) -> QuerySet[Agreement]:
    """Signed and ended agreements are public; a proposed one only to its parties' people."""
    return _agreements_within(_reach(user))


def _agreements_within(reach: Sequence[int] | None) -> QuerySet[Agreement]:
    agreements = Agreement.objects.all()
    if reach is None:
        return agreements
    if not reach:
        return agreements.exclude(status=Agreement.Status.PROPOSED)
    mine = AgreementParty.objects.filter(agreement=OuterRef("pk"), organisation__in=reach)
    return agreements.filter(~Q(status=Agreement.Status.PROPOSED) | Exists(mine))


def agreement_list(
    user: Reader,
    *,
    kind: str = "",
    theme: str = "",
    phase: str = "",
    organisation: Organisation | None = None,
) -> QuerySet[Agreement]:
    agreements = agreements_visible_to(user)
    if kind:
        agreements = agreements.filter(kind=kind)
    if theme:
        themed = Agreement.themes.through.objects.filter(
            agreement=OuterRef("pk"), theme__slug=theme
        )
        agreements = agreements.filter(Exists(themed))
    if phase:
        agreements = agreements.filter(phase_q(phase, timezone.localdate()))
    if organisation is not None:
        agreements = _with_party(agreements, "parties", organisation)
    parties = AgreementParty.objects.select_related("organisation").order_by("id")
    return agreements.prefetch_related(Prefetch("parties", queryset=parties))


def _with_party(
    queryset: QuerySet[Row], relation: str, organisation: Organisation | int
) -> QuerySet[Row]:
    """The rows `organisation` is a party to. A join, not an EXISTS: each organisation is a
    party once (a unique constraint), so there are no duplicates, and the ORM builds a join
    in half the time of a subquery (on the profile, this section was half the page's CPU)."""
    return queryset.filter(**{f"{relation}__organisation": organisation})


def projects_visible_to(user: Reader) -> QuerySet[Project]:
    """Public projects, and the reader's own organisations' (an EXISTS, so no duplicates
    and no DISTINCT over the whole table)."""
    return _projects_within(_reach(user))


def _projects_within(reach: Sequence[int] | None) -> QuerySet[Project]:
    projects = Project.objects.all()
    if reach is None:
        return projects
    if not reach:
        return projects.filter(public=True)
    partner = ProjectPartner.objects.filter(project=OuterRef("pk"), organisation__in=reach)
    return projects.filter(Q(public=True) | Exists(partner))


def project_list(
    user: Reader, *, status: str = "", theme: str = "", organisation: Organisation | None = None
) -> QuerySet[Project]:
    projects = projects_visible_to(user).select_related("lead")
    if status:
        projects = projects.filter(status=status)
    if theme:
        themed = Project.themes.through.objects.filter(project=OuterRef("pk"), theme__slug=theme)
        projects = projects.filter(Exists(themed))
    if organisation is not None:
        projects = _with_party(projects, "partners", organisation)
    return projects.prefetch_related(
        Prefetch("partners", queryset=ProjectPartner.objects.select_related("organisation")),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related(_latest())),
    )


def _latest() -> Prefetch:
    return Prefetch("values", queryset=Measurement.objects.order_by("-measured_on", "-id"))


def project_detail(pk: int, *, user: Reader) -> Project | None:
    partners = ProjectPartner.objects.select_related("organisation")
    return (
        projects_visible_to(user)
        .select_related("lead")
        .prefetch_related(
            Prefetch("partners", queryset=partners),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related(_latest())),
            "milestones",
            "themes",
            "sdgs",
            "places",
        )
        .filter(pk=pk)
        .first()
    )


def indicator_progress(indicator: Indicator) -> Decimal | None:
    """0–1: how far the latest value went from the baseline towards the target."""
    values = list(indicator.values.all())
    if not values:
        return None
    latest = max(values, key=lambda m: (m.measured_on, m.id)).value
    span = indicator.target - indicator.baseline
    share = (latest - indicator.baseline) / span
    return min(max(share, Decimal(0)), Decimal(1))


def project_progress(project: Project) -> int | None:
    """The mean progress of the measured indicators, as a whole percentage."""
    shares = [s for s in map(indicator_progress, project.indicators.all()) if s is not None]
    if not shares:
        return None
    return int((sum(shares, Decimal(0)) / len(shares) * 100).to_integral_value())


@dataclass
class CurrencyTable:
    """One currency's "who pays what": per funder pledged and received, the budget, what
    was spent, and the gap the funding leaves. Every total is a sum of integers."""

    currency: str
    budget: int = 0
    spent: int = 0
    pledged: int = 0
    received: int = 0
    in_kind: int = 0
    funders: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)

    @property
    def gap(self) -> int:
        return self.budget - self.pledged


def project_money(project: Project) -> list[CurrencyTable]:
    """The project's money in each of its currencies (no conversion: never add currencies)."""
    tables: dict[str, CurrencyTable] = {}

    def table(currency: str) -> CurrencyTable:
        return tables.setdefault(currency, CurrencyTable(currency))

    spent = dict(
        Expense.objects.filter(line__project=project)
        .values_list("line")
        .annotate(total=Sum("amount_minor"))
        .values_list("line", "total")
    )
    for line in BudgetLine.objects.filter(project=project).order_by("id"):
        t = table(line.currency)
        used = spent.get(line.pk, 0)
        t.budget += line.amount_minor
        t.spent += used
        t.lines.append({"line": line, "spent": used, "left": line.amount_minor - used})
    for funding in Funding.objects.filter(project=project).select_related("funder").order_by("id"):
        t = table(funding.currency)
        t.pledged += funding.pledged_minor
        t.received += funding.received_minor
        t.in_kind += funding.pledged_minor if funding.in_kind else 0
        t.funders.append({"funding": funding})
    for t in tables.values():
        for row in t.funders:
            row["share"] = _share(row["funding"].pledged_minor, t.pledged)
    return sorted(tables.values(), key=lambda t: t.currency)


def _share(part: int, whole: int) -> int | None:
    return round(part * 100 / whole) if whole else None


# What cooperation/_organisation.html shows: the title, the kind and the phase (which follows
# from the status, the dates and the renewal) of an agreement; the title and status of a project.
PROFILE_AGREEMENT_FIELDS = ("id", "titles", "kind", "status", "starts_on", "ends_on", "renewal")
PROFILE_PROJECT_FIELDS = ("id", "titles", "status", "starts_on")


def organisation_cooperation(organisation: Organisation, *, user: Reader) -> dict:
    """What an organisation's profile shows: its agreements and its projects, by title and
    state only. Not the lists' querysets: their parties, partners and indicators would be
    five more queries that the profile does not show.

    Both queries are compiled once per process (`core.prepared`): on the profile, compiling
    them cost the ORM more than the database spent answering them. The reader's own
    organisations are values of the query; whether they see every row is its shape."""
    reach = _reach(user)
    shape = "all" if reach is None else "within"
    values = [organisation.pk, *(reach or ())]

    def agreements(pk: int, *mine: int) -> QuerySet[Agreement]:
        visible = _agreements_within(None if reach is None else mine)
        return _with_party(visible, "parties", pk).only(*PROFILE_AGREEMENT_FIELDS)[:20]

    def projects(pk: int, *mine: int) -> QuerySet[Project]:
        visible = _projects_within(None if reach is None else mine)
        return _with_party(visible, "partners", pk).only(*PROFILE_PROJECT_FIELDS)[:20]

    return {
        "agreements": list(
            prepared_rows(Agreement, ("cooperation.profile_agreements", shape), agreements, values)
        ),
        "projects": list(
            prepared_rows(Project, ("cooperation.profile_projects", shape), projects, values)
        ),
    }


@dataclass
class Graph:
    """Who cooperates with whom: organisations and, for each pair, how many agreements."""

    nodes: list[Organisation]
    edges: list[tuple[int, int, int]]


def _graph_links(kind: str, theme: str, limit: int) -> tuple[list[int], list]:
    """The pairs of parties of signed agreements among the `limit` organisations with the
    most of them (a readable picture, not a hairball). The ranking is counted by the
    database; only the kept organisations' rows are read to pair them."""
    # Signed agreements are public (only a proposed one is kept to its parties), so the
    # graph is the same for every reader and needs no per-reader filter.
    parties = AgreementParty.objects.filter(agreement__status=Agreement.Status.SIGNED)
    if kind:
        parties = parties.filter(agreement__kind=kind)
    if theme:
        themed = Agreement.themes.through.objects.filter(
            agreement=OuterRef("agreement_id"), theme__slug=theme
        )
        parties = parties.filter(Exists(themed))
    kept = list(
        parties.values("organisation")
        .annotate(n=Count("id"))
        .order_by("-n", "organisation")
        .values_list("organisation", flat=True)[:limit]
    )
    # Read the kept organisations' rows through their own index and check each row's
    # agreement by its primary key: joining on the agreement's status first made the
    # database walk every signed agreement (0.5 s at 50k on SQLite; see PERFORMANCE.md).
    rows = (
        AgreementParty.objects.filter(organisation__in=kept)
        .order_by()
        .values_list("agreement_id", "organisation_id", "agreement__status", "agreement__kind")
    )
    with_theme = (
        set(
            Agreement.themes.through.objects.filter(theme__slug=theme).values_list(
                "agreement_id", flat=True
            )
        )
        if theme
        else None
    )
    signed = [
        (agreement_id, organisation_id)
        for agreement_id, organisation_id, status, agreement_kind in rows
        if status == Agreement.Status.SIGNED
        and (not kind or agreement_kind == kind)
        and (with_theme is None or agreement_id in with_theme)
    ]
    by_agreement: dict[int, set[int]] = defaultdict(set)
    for agreement_id, organisation_id in signed:
        by_agreement[agreement_id].add(organisation_id)
    pairs: dict[tuple[int, int], int] = defaultdict(int)
    for members in by_agreement.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                pairs[(a, b)] += 1
    return kept, sorted((a, b, n) for (a, b), n in pairs.items())


GRAPH_VERSION = "cooperation.graph"


def cooperation_graph(*, kind: str = "", theme: str = "", limit: int = 60) -> Graph:
    """Who cooperates with whom. The links are cached per filter and data version (the
    services bump `cooperation.graph` when an agreement is signed or ends), so the graph is
    counted once per change, not per reader; the organisations are read fresh each time,
    so their names follow the reader's language and any renaming."""
    key = f"cooperation:graph:{counter_value(GRAPH_VERSION)}:{kind}:{theme}:{limit}"
    links = cache.get(key)
    if links is None:
        links = _graph_links(kind, theme, limit)
        cache.set(key, links, timeout=settings.COOPERATION_GRAPH_CACHE_SECONDS)
    kept, edges = links
    nodes = list(Organisation.objects.filter(pk__in=kept).order_by("sort_name", "pk"))
    return Graph(nodes=nodes, edges=edges)


def service_list() -> QuerySet[SharedService]:
    current = Participation.objects.filter(left_on__isnull=True).select_related("organisation")
    return (
        SharedService.objects.select_related("operator")
        .prefetch_related(Prefetch("participations", queryset=current, to_attr="current"))
        .order_by("slug")
    )


def service_indicators(service: SharedService) -> list[tuple[Indicator, Decimal | None]]:
    rows = Indicator.objects.filter(service=service).prefetch_related(_latest())
    return [(i, indicator_progress(i)) for i in rows]


def contributions(service: SharedService, year: int) -> dict:
    """The year's shares with their totals (sums of integers: owed, paid, balance)."""
    rows = list(
        Contribution.objects.filter(service=service, year=year)
        .select_related("organisation")
        .order_by("organisation__sort_name", "id")
    )
    owed = sum(r.amount_minor for r in rows)
    paid = sum(r.paid_minor for r in rows)
    return {"rows": rows, "owed": owed, "paid": paid, "balance": owed - paid}


def attachments_for(
    user: Reader,
    *,
    project: Project | None = None,
    tender: Tender | None = None,
    insider: bool = False,
) -> QuerySet[Attachment]:
    """A project's or tender's documents the reader may open: all for its insiders, the
    public ones for everyone else."""
    rows = Attachment.objects.filter(project=project, tender=tender).select_related("organisation")
    return rows if insider or _sees_all(user) else rows.filter(public=True)
