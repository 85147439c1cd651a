"""Threaded discussions inside a community."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.communities.models import Community


class Thread(models.Model):
    """A conversation of a community, opened with a first post."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("subject"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_post_at = models.DateTimeField(_("last post"), db_index=True)
    post_count = models.PositiveIntegerField(_("posts"), default=0)

    class Meta:
        ordering = ["-last_post_at", "-id"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        indexes = [models.Index(fields=["community", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread", kwargs={"slug": self.community.slug, "pk": self.pk})


class Post(models.Model):
    """A post or a reply. `body` holds HTML already sanitised at write time (services), so
    templates may show it as is; a hidden post keeps its text for the moderators only."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostReport(models.Model):
    """Someone signed in reports a post as abusive; the community's coordinators see it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("what is wrong"), max_length=500)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="report_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.reporter} → {self.post}"
