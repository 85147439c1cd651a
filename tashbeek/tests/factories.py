"""factory_boy factories for tests (the demo network is for `make run`, not for tests)."""

import factory
from django.utils import timezone

from tashbeek.accounts.models import User
from tashbeek.members.models import Organisation, Region
from tashbeek.members.services import organisation_index_names

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    preferred_language = "ar"
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.django.Password(PASSWORD)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["country", "slug"]

    country = "MA"
    slug = factory.Sequence(lambda n: f"region-{n}")
    names = factory.LazyAttribute(lambda o: {"en": o.slug.title()})


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Derives the search and sort keys with the service's own function."""

    class Meta:
        model = Organisation

    names = factory.Sequence(lambda n: {"ar": f"بلدية رقم {n}", "en": f"Municipality {n}"})
    kind = "municipality"
    relation = "member"
    membership_status = "active"
    country = "MA"
    population = 20000
    latitude = 31.5
    longitude = -7.5

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organisation = model_class(*args, **kwargs)
        organisation_index_names(organisation)
        organisation.save()
        return organisation


def api_token(user) -> str:
    """A new API token (django-rest-knox) for the user, as the header wants it."""
    from knox.models import AuthToken

    return f"Token {AuthToken.objects.create(user=user)[1]}"
