from django.contrib import admin

from tashbeek.core.admin import ReadOnlyAdmin
from tashbeek.core.forms import TranslatedField

from . import services
from .models import (
    Affiliation,
    Application,
    Due,
    FeeSchedule,
    Invitation,
    MembershipDecision,
    Organisation,
    Payment,
    Region,
)


class AffiliationInline(admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Saves go through members.services, so admin edits are audited like any other."""

    list_display = ["__str__", "kind", "relation", "membership_status", "country", "population"]
    list_filter = ["relation", "membership_status", "kind", "country"]
    search_fields = ["search_name"]
    filter_horizontal = ["themes"]
    inlines = [AffiliationInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "names":
            return TranslatedField(required=True, label=db_field.verbose_name)
        if db_field.name == "descriptions":
            return TranslatedField(
                required=False, multiline=True, max_length=5000, label=db_field.verbose_name
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PROFILE_FIELDS}
        if change:
            saved = services.organisation_update(organisation=obj, by=request.user, data=data)
        else:
            saved = services.organisation_create(by=request.user, data=data)
        obj.pk = saved.pk

    def save_related(self, request, form, formsets, change):
        for formset in formsets:  # themes were set by the service; inlines still saved here
            self.save_formset(request, form, formset, change)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["slug", "country"]
    list_filter = ["country"]
    search_fields = ["slug"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "accepted_at"]
    readonly_fields = ["token_hash"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "__str__", "status", "country", "submitted_at"]
    list_filter = ["status", "country", "possible_duplicate"]


@admin.register(MembershipDecision)
class MembershipDecisionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "organisation", "application", "effective_on", "decided_by"]
    list_filter = ["kind"]


@admin.register(FeeSchedule)
class FeeScheduleAdmin(ReadOnlyAdmin):
    list_display = ["year", "method", "currency", "floor_minor", "cap_minor", "due_on"]


@admin.register(Due)
class DueAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "schedule", "amount_minor", "paid_minor", "currency", "waived"]
    list_filter = ["schedule", "waived", "currency"]
    list_select_related = ["organisation", "schedule"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["due", "amount_minor", "paid_on", "reference"]
    list_select_related = ["due__organisation", "due__schedule"]
