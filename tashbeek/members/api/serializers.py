"""Organisation as JSON: names and descriptions per language, the reader's pick beside them."""

from functools import lru_cache

from django.utils.translation import gettext_lazy as _
from django_countries.serializer_fields import CountryField
from rest_framework import serializers

from tashbeek.core.forms import cleaned_image
from tashbeek.core.i18n import clean_translations
from tashbeek.core.models import Theme

from ..models import WORKING_LANGUAGES, Organisation, Region
from ..services import PROFILE_FIELDS


class TranslationsField(serializers.DictField):
    child = serializers.CharField(allow_blank=True, max_length=5000)

    def to_internal_value(self, data):
        return clean_translations(super().to_internal_value(data))


class OrganisationListSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    country = CountryField()
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "names",
            "kind",
            "relation",
            "membership_status",
            "country",
            "region",
            "population",
            "latitude",
            "longitude",
        ]

    def to_representation(self, instance) -> dict:
        """The same dict as the generic ModelSerializer (a test holds them equal), built
        directly: the list is the API's busiest call and the per-field machinery was most of
        its time. Takes a model instance or a directory listing."""
        fields, region = _list_fields(), instance.region
        latitude, longitude = instance.latitude, instance.longitude
        return {
            "id": instance.pk,
            "name": instance.name,
            "names": instance.names,
            "kind": instance.kind,
            "relation": instance.relation,
            "membership_status": instance.membership_status,
            "country": fields["country"].to_representation(instance.country),
            "region": region.slug if region is not None else None,
            "population": instance.population,
            "latitude": None
            if latitude is None
            else fields["latitude"].to_representation(latitude),
            "longitude": (
                None if longitude is None else fields["longitude"].to_representation(longitude)
            ),
        }


@lru_cache(maxsize=1)
def _list_fields() -> dict:
    """The list's fields, built once per process: a serializer builds its fields from the
    model (250 countries' choices among them) each time it is made, once per request, and
    the list uses them only to format codes and coordinates, which depends on no request."""
    return OrganisationListSerializer().fields


class OrganisationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    names = TranslationsField()
    descriptions = TranslationsField(required=False)
    country = CountryField()
    region = serializers.SlugRelatedField(
        slug_field="slug", queryset=Region.objects.all(), required=False, allow_null=True
    )
    themes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Theme.objects.all(), required=False
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=WORKING_LANGUAGES), required=False
    )
    logo = serializers.ImageField(required=False, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "description", *PROFILE_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def validate_names(self, value):
        if not value:
            raise serializers.ValidationError(_("Give the name in at least one language."))
        return value

    def validate_logo(self, value):
        if value:
            from django import forms

            try:
                return cleaned_image(value)
            except forms.ValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return value

    def validate(self, attrs):
        region, country = attrs.get("region"), attrs.get("country")
        if region and country and region.country != country:
            raise serializers.ValidationError(
                {"region": [_("This region is not in the chosen country.")]}
            )
        return attrs
