"""Writes for joint projects: the project and its partners, status with reasons, milestones,
risks and challenges with owners, and updates from any partner."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.i18n import clean_translations
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.members.rules import acts_for
from tashbeek.search.services import index_refresh

from ..models import Milestone, Project, ProjectIssue, ProjectPartner, ProjectUpdate
from .common import must, owned_save

PROJECT_FIELDS = [
    "titles",
    "summaries",
    "stories",
    "themes",
    "sdgs",
    "places",
    "starts_on",
    "ends_on",
    "experiences",
    "public",
]
RELATED = ("themes", "sdgs", "places", "experiences")
MILESTONE_FIELDS = ["titles", "due_on", "done_on"]
ISSUE_FIELDS = ["kind", "area", "text", "owner", "owner_person"]
UPDATE_FIELDS = ["organisation", "text", "language", "public"]


@transaction.atomic
def project_save(
    *, by: User, data: dict, lead: Organisation | None = None, project: Project | None = None
) -> Project:
    """Start a project led by `lead` (which becomes its first partner), or change one."""
    data = dict(data)
    related = {key: data.pop(key) for key in RELATED if key in data}
    for key in ("titles", "summaries", "stories"):
        if key in data:
            data[key] = clean_translations(data[key])
    if project is None:
        if lead is None or not acts_for(by, lead):
            raise PermissionDenied(_("You may start projects only for your own organisation."))
        project, before = Project(lead=lead, created_by=by), {}
    else:
        must(by, "cooperation.change_project", project, _("Only the project's partners edit it."))
        before = snapshot(project, PROJECT_FIELDS)
    for key, value in data.items():
        setattr(project, key, value)
    if not project.titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        raise ValidationError({"ends_on": _("A project cannot end before it starts.")})
    created = not before
    project = audited_save(
        project,
        by=by,
        fields=PROJECT_FIELDS,
        before=before,
        actions=("cooperation.project.created", "cooperation.project.updated"),
        related=related,
    )
    if created:
        ProjectPartner.objects.create(
            project=project, organisation=project.lead, role=ProjectPartner.Role.LEAD
        )
    index_refresh(project)  # a public project is searchable; a private one leaves the index
    return project


@transaction.atomic
def project_partner_set(
    *, by: User, project: Project, organisation: Organisation, role: str | None
) -> None:
    """Add a partner, change its role, or (role None) remove it; the lead stays the lead."""
    must(
        by,
        "cooperation.manage_budget",
        project,
        _("Only the lead organisation manages the partners."),
    )
    if organisation.pk == project.lead_id:
        raise ValidationError({"organisation": _("The lead organisation keeps its role.")})
    if role is not None and (role not in ProjectPartner.Role.values or role == "lead"):
        raise ValidationError({"role": _("Choose a role.")})
    existing = ProjectPartner.objects.filter(project=project, organisation=organisation).first()
    before = {"role": existing.role} if existing else {}
    if role is None:
        if existing is None:
            return
        existing.delete()
    else:
        ProjectPartner.objects.update_or_create(
            project=project, organisation=organisation, defaults={"role": role}
        )
    audit_record(
        actor=by,
        action="cooperation.project.partners",
        obj=project,
        before={"organisation": organisation.pk, **before},
        after={"organisation": organisation.pk, "role": role},
    )
    project.__dict__.pop("_partner_ids", None)


@transaction.atomic
def project_status_set(*, by: User, project: Project, status: str, reason: str) -> Project:
    project = Project.objects.select_for_update().get(pk=project.pk)
    must(
        by,
        "cooperation.manage_budget",
        project,
        _("Only the lead organisation changes the status."),
    )
    if status not in Project.Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    before = {"status": project.status}
    project.status, project.status_reason = status, reason.strip()
    project.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(
        actor=by,
        action="cooperation.project.status",
        obj=project,
        before=before,
        after={"status": status},
        reason=project.status_reason,
    )
    return project


@transaction.atomic
def milestone_save(
    *, by: User, project: Project, data: dict, milestone: Milestone | None = None
) -> Milestone:
    data = dict(data)
    if "titles" in data:
        data["titles"] = clean_translations(data["titles"])
    return owned_save(
        by=by,
        perm="cooperation.change_project",
        owner=project,
        obj=milestone or Milestone(project=project),
        data=data,
        fields=MILESTONE_FIELDS,
        actions=("cooperation.milestone.added", "cooperation.milestone.updated"),
        message=_("Only the project's partners plan its milestones."),
    )


@transaction.atomic
def issue_raise(*, by: User, project: Project, data: dict) -> ProjectIssue:
    """A risk or challenge, owned by one of the partners."""
    owner = data.get("owner")
    if owner is None or owner.pk not in {p.organisation_id for p in project.partners.all()}:
        raise ValidationError({"owner": _("The owner is one of the project's partners.")})
    person = data.get("owner_person")
    if (
        person is not None
        and not Affiliation.objects.filter(user=person, organisation=owner).exists()
    ):
        raise ValidationError({"owner_person": _("The person in charge works for the owner.")})
    return owned_save(
        by=by,
        perm="cooperation.change_project",
        owner=project,
        obj=ProjectIssue(project=project, raised_by=by),
        data=data,
        fields=ISSUE_FIELDS,
        actions=("cooperation.issue.raised", ""),
        message=_("Only the project's partners raise its risks and challenges."),
    )


@transaction.atomic
def issue_resolve(*, by: User, issue: ProjectIssue, resolution: str) -> ProjectIssue:
    issue = ProjectIssue.objects.select_for_update().get(pk=issue.pk)
    must(
        by,
        "cooperation.change_project",
        issue.project,
        _("Only the project's partners resolve its issues."),
    )
    if not (resolution or "").strip():
        raise ValidationError({"resolution": _("Say how it was resolved.")})
    issue.status, issue.resolution = ProjectIssue.Status.RESOLVED, resolution.strip()
    issue.save(update_fields=["status", "resolution"])
    audit_record(
        actor=by,
        action="cooperation.issue.resolved",
        obj=issue,
        before={"status": ProjectIssue.Status.OPEN},
        after={"status": issue.status},
        reason=issue.resolution,
    )
    return issue


@transaction.atomic
def update_post(*, by: User, project: Project, data: dict) -> ProjectUpdate:
    """News from a partner, in the name of an organisation the author works for."""
    organisation = data.get("organisation")
    if organisation is None or not acts_for(by, organisation):
        raise PermissionDenied(_("Post updates in the name of your own organisation."))
    if organisation.pk not in {p.organisation_id for p in project.partners.all()}:
        raise PermissionDenied(_("Only the project's partners post updates."))
    data = {"language": get_language() or "", **data}
    return owned_save(
        by=by,
        perm="cooperation.change_project",
        owner=project,
        obj=ProjectUpdate(project=project, author=by, created_at=timezone.now()),
        data=data,
        fields=UPDATE_FIELDS,
        actions=("cooperation.update.posted", ""),
        message=_("Only the project's partners post updates."),
    )
