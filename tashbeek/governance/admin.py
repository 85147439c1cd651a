"""The operator's view of governance: read-only, since every change goes through the
services (quorum, locks, numbering, audit)."""

from django.contrib import admin

from tashbeek.core.admin import ReadOnlyAdmin

from .models import Ballot, Body, Decision, Meeting, Seat


@admin.register(Body)
class BodyAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "seats", "term_months", "quorum"]
    list_filter = ["kind"]


@admin.register(Seat)
class SeatAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "starts_on", "ends_on", "left_on", "filled_by"]
    list_filter = ["body", "filled_by"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "event", "minutes_status", "minutes_version"]
    list_filter = ["body", "minutes_status"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["reference", "__str__", "source", "decided_on", "visibility"]
    list_filter = ["source", "visibility", "year"]
    search_fields = ["titles"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    """Participations and secret counts are not listed: who voted what stays out of sight."""

    list_display = ["__str__", "kind", "status", "opens_at", "closes_at", "secret"]
    list_filter = ["kind", "status"]
