"""Partnership and twinning agreements between organisations of the directory: declared by
one party, confirmed by every other before they show as signed; ended only with a reason."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tashbeek.core.files import private_storage, private_upload_to
from tashbeek.core.i18n import Titled
from tashbeek.members.models import Organisation


class Agreement(Titled, models.Model):
    """An agreement between two or more organisations. Its stored status is proposed, signed
    or ended; whether a signed agreement is in force or expired follows from its dates
    (`phase`), so no clock has to move it."""

    class Kind(models.TextChoices):
        TWINNING = "twinning", _("Twinning")
        COOPERATION = "cooperation", _("Cooperation agreement")
        MOU = "mou", _("Memorandum of understanding")
        FRAMEWORK = "framework", _("Framework agreement")
        SERVICE = "service", _("Service contract")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SIGNED = "signed", _("Signed")
        ENDED = "ended", _("Ended")

    class Phase(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting confirmation")
        SIGNED = "signed", _("Signed, not yet in force")
        ACTIVE = "active", _("In force")
        EXPIRED = "expired", _("Expired")
        ENDED = "ended", _("Ended")

    class Renewal(models.TextChoices):
        NONE = "none", _("Not renewed")
        TACIT = "tacit", _("Renewed tacitly for the same duration")
        EXPRESS = "express", _("Renewed by a new decision of the parties")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    titles = models.JSONField(_("title"), default=dict)
    texts = models.JSONField(_("purpose"), default=dict, blank=True)
    themes = models.ManyToManyField(
        "core.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    signed_on = models.DateField(_("signature date"), null=True, blank=True)
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    renewal = models.CharField(
        _("renewal"), max_length=8, choices=Renewal.choices, default=Renewal.NONE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    end_reason = models.TextField(_("reason for ending"), blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    declared_by = models.ForeignKey(
        Organisation, verbose_name=_("declared by"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.FileField(
        _("signed document"),
        storage=private_storage,
        upload_to=private_upload_to,
        blank=True,
    )
    document_type = models.CharField(max_length=80, blank=True, editable=False)
    document_name = models.CharField(max_length=255, blank=True, editable=False)
    document_public = models.BooleanField(_("the signed document is public"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            models.Index(fields=["status", "kind"]),
            # The registry's order: read newest first and stop at a page, not sort them all.
            models.Index(fields=["-signed_on", "-id"], name="agreement_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("An agreement cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | ~Q(end_reason=""),
                name="ended_agreement_has_reason",
                violation_error_message=_("Give the reason."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cooperation:agreement", kwargs={"pk": self.pk})

    @property
    def phase(self) -> str:
        if self.status != self.Status.SIGNED:
            return self.status
        today = timezone.localdate()
        if self.starts_on and today < self.starts_on:
            return self.Phase.SIGNED
        if self.ends_on and today > self.ends_on and self.renewal != self.Renewal.TACIT:
            return self.Phase.EXPIRED
        return self.Phase.ACTIVE

    def get_phase_display(self) -> str:
        return str(self.Phase(self.phase).label)


def phase_q(phase: str, today) -> Q:
    """The agreements in a phase on a day, as a filter (the list page and the API)."""
    signed = Q(status=Agreement.Status.SIGNED)
    started = Q(starts_on__isnull=True) | Q(starts_on__lte=today)
    lapsed = Q(ends_on__lt=today) & ~Q(renewal=Agreement.Renewal.TACIT)
    return {
        Agreement.Phase.SIGNED: signed & Q(starts_on__gt=today),
        Agreement.Phase.ACTIVE: signed & started & ~lapsed,
        Agreement.Phase.EXPIRED: signed & lapsed,
    }.get(phase, Q(status=phase))


class AgreementParty(models.Model):
    """One party to an agreement; it counts as signed only when every party confirmed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("party"), on_delete=models.PROTECT, related_name="agreements"
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agreement", "id"]
        verbose_name = _("party to an agreement")
        verbose_name_plural = _("parties to agreements")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organisation"], name="one_party_once")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} · {self.organisation}"
