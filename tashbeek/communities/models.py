"""Thematic communities (the network's exchange platforms and committees) and who takes part."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick
from tashbeek.core.models import Theme
from tashbeek.members.models import Organisation, Region


class Community(models.Model):
    """A thematic platform (public relations, engineering & planning, …) or a thematic
    committee, created by the secretariat. A sub-group (e.g. village councils of one region)
    is a community with a parent."""

    class Kind(models.TextChoices):
        PLATFORM = "platform", _("Exchange platform")
        COMMITTEE = "committee", _("Thematic committee")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Open: anyone from the network joins")
        REQUEST = "request", _("On request: a coordinator approves")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    names = models.JSONField(_("names"), default=dict)
    purposes = models.JSONField(_("purpose"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PLATFORM)
    join_policy = models.CharField(
        _("joining"), max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subgroups",
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["parent_id", "slug"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("communities:detail", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return pick(self.names) or self.slug

    @property
    def purpose(self) -> str:
        return pick(self.purposes)


class CommunityMembership(models.Model):
    """A person in a community, as coordinator or member, on behalf of an organisation.
    A request to join a community "on request" waits as `pending` until a coordinator approves."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PENDING = "pending", _("Waiting for approval")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["role", "created_at"]
        verbose_name = _("community membership")
        verbose_name_plural = _("community memberships")
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="community_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.community}"
