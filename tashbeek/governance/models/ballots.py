"""Ballots where each member organisation has exactly one vote: motions and elections."""

import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.core.dates import TIME_ZONES, ZonedDateTime, in_zone
from tashbeek.core.i18n import pick
from tashbeek.members.models import Organisation

from .bodies import Body


class Ballot(models.Model):
    """A motion or an election put to a body's seat-holding organisations, or (without a
    body) to every member in good standing. Each organisation votes once, through its
    designated voter. A secret ballot keeps *that* an organisation voted apart from *what* was
    chosen: the two are written to tables that share nothing but the ballot."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("Motion")
        ELECTION = "election", _("Election")

    class Majority(models.TextChoices):
        SIMPLE = "simple", _("Simple majority (more for than against)")
        ABSOLUTE = "absolute", _("Absolute majority (more than half of the votes cast)")
        TWO_THIRDS = "two_thirds", _("Two thirds of the votes for or against")

    class TieRule(models.TextChoices):
        SENIORITY = "seniority", _("The longest-standing member wins a tie")
        UNRESOLVED = "unresolved", _("A tie is left to a new round")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NOMINATIONS = "nominations", _("Open for candidacies")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ballots",
        help_text=_("Empty: every member of the network votes."),
    )
    seat_body = models.ForeignKey(
        Body,
        verbose_name=_("seats filled"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="elections",
        help_text=_("For an election: the body whose seats the winners take."),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    titles = models.JSONField(_("question"), default=dict)
    texts = models.JSONField(_("explanation"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    opens_at = models.DateTimeField(_("voting opens"))
    closes_at = models.DateTimeField(_("voting closes"))
    # Opening and closing times are announced and shown in the network's zone for the vote.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Africa/Casablanca",
        choices=[(t, t) for t in TIME_ZONES],
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (% of the electorate taking part)"),
        default=50,
        validators=[MaxValueValidator(100)],
    )
    majority = models.CharField(
        _("majority"), max_length=10, choices=Majority.choices, default=Majority.SIMPLE
    )
    secret = models.BooleanField(_("secret ballot"), default=False)
    changeable = models.BooleanField(_("votes may be changed until the close"), default=True)
    seats = models.PositiveSmallIntegerField(
        _("seats to fill"), default=1, help_text=_("Each voter chooses up to this many.")
    )
    tie_rule = models.CharField(
        _("tie rule"), max_length=10, choices=TieRule.choices, default=TieRule.SENIORITY
    )
    electorate_size = models.PositiveIntegerField(_("electorate"), null=True, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closing_told = models.BooleanField(default=False, editable=False)  # "closes in 24 h" sent
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-closes_at", "-id"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        indexes = [models.Index(fields=["status", "closes_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="ballot_closes_after_opening"
            ),
            # Changing a secret vote would need the link the secret ballot must not keep.
            models.CheckConstraint(
                condition=Q(secret=False) | Q(changeable=False), name="secret_ballot_final"
            ),
            models.CheckConstraint(condition=Q(seats__gte=1), name="ballot_seats_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:ballot", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return pick(self.titles) or f"#{self.pk}"

    @property
    def text(self) -> str:
        return pick(self.texts)

    @property
    def local_opens(self) -> ZonedDateTime:
        return in_zone(self.opens_at, zoneinfo.ZoneInfo(self.time_zone))

    @property
    def local_closes(self) -> ZonedDateTime:
        return in_zone(self.closes_at, zoneinfo.ZoneInfo(self.time_zone))

    def is_open(self, now) -> bool:
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at


class BallotOption(models.Model):
    """A choice on a ballot: for / against / abstain on a motion, or a candidate (a member
    organisation with its statement) in an election."""

    class Meaning(models.TextChoices):
        FOR = "for", _("For")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")
        CANDIDATE = "candidate", _("Candidate")
        OTHER = "other", _("Other")

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    meaning = models.CharField(_("meaning"), max_length=10, choices=Meaning.choices)
    labels = models.JSONField(_("label"), default=dict, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("candidate"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    statements = models.JSONField(_("statement"), default=dict, blank=True)

    class Meta:
        ordering = ["ballot", "position", "id"]
        verbose_name = _("ballot option")
        verbose_name_plural = _("ballot options")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "organisation"],
                condition=Q(organisation__isnull=False),
                name="candidacy_once",
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        return pick(self.labels) or str(self.get_meaning_display())


class Participation(models.Model):
    """That an organisation voted, by whom, when, with the hash of its receipt. For an open
    ballot `choices` says what it chose; for a secret ballot `choices` stays empty and the
    choice is only added to SecretCount, which has no row per voter to join to."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ballot_participations"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    choices = models.ManyToManyField(BallotOption, blank=True, related_name="open_votes")
    receipt_hash = models.CharField(max_length=64, editable=False)
    voted_at = models.DateTimeField(_("voted"))
    changes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ballot", "voted_at"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "organisation"], name="one_vote_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ballot} — {self.organisation}"


class SecretCount(models.Model):
    """The running count of one option of a secret ballot: a number, nothing about voters."""

    option = models.OneToOneField(BallotOption, on_delete=models.CASCADE, related_name="count")
    votes = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("secret count")
        verbose_name_plural = _("secret counts")

    def __str__(self) -> str:
        return f"{self.option}: {self.votes}"


class VoterDelegation(models.Model):
    """The person who votes for an organisation instead of its focal person."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="voter_delegation"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    delegated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voter delegation")
        verbose_name_plural = _("voter delegations")

    def __str__(self) -> str:
        return f"{self.organisation} → {self.person}"


class VotingRules(models.Model):
    """The network's voting rules, set by the secretariat (one row)."""

    arrears_years = models.PositiveSmallIntegerField(
        _("suspend the vote of members in arrears for more than (years)"),
        null=True,
        blank=True,
        help_text=_("Empty: arrears never suspend a vote."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("voting rules")
        verbose_name_plural = _("voting rules")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
