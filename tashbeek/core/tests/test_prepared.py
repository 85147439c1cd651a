"""`prepared_rows`: a query compiled once per shape and run with each call's values."""

import pytest

from tashbeek.core import prepared
from tashbeek.core.prepared import prepared_rows
from tashbeek.members.models import Organisation
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh():
    prepared._compiled.clear()
    yield
    prepared._compiled.clear()


def test_each_call_runs_with_its_own_values_and_compiles_once():
    built = []

    def build(pk):
        built.append(pk)
        return Organisation.objects.filter(pk=pk, relation="member")

    one, two = OrganisationFactory(relation="member"), OrganisationFactory(relation="member")
    partner = OrganisationFactory(relation="partner", membership_status="")
    assert [o.pk for o in prepared_rows(Organisation, "test", build, [one.pk])] == [one.pk]
    assert [o.pk for o in prepared_rows(Organisation, "test", build, [two.pk])] == [two.pk]
    # The constant ("member") stays in the query: the partner is not found by its id.
    assert list(prepared_rows(Organisation, "test", build, [partner.pk])) == []
    assert len(built) == 1 and built[0] < 0  # built once, with a stand-in for the id


def test_another_number_of_values_is_another_query():
    orgs = OrganisationFactory.create_batch(3)

    def build(*pks):
        return Organisation.objects.filter(pk__in=pks).order_by("pk")

    for count in (1, 3, 2, 3):
        pks = [o.pk for o in orgs[:count]]
        assert [o.pk for o in prepared_rows(Organisation, "in", build, pks)] == pks
    assert len(prepared._compiled) == 3


def test_the_rows_are_models_with_the_left_out_fields_deferred():
    organisation = OrganisationFactory(population=1234)

    def build(pk):
        return Organisation.objects.filter(pk=pk).only("id", "names")

    (row,) = prepared_rows(Organisation, "only", build, [organisation.pk])
    assert row.get_deferred_fields() >= {"population"}
    assert row.population == 1234  # read when asked for, as a queryset's row would be


def test_a_value_the_query_does_not_use_is_refused():
    with pytest.raises(ValueError, match=r"values \[1\]"):
        prepared_rows(
            Organisation, "unused", lambda pk, other: Organisation.objects.filter(pk=pk), [1, 2]
        )


def test_shapes_are_bounded(monkeypatch):
    monkeypatch.setattr(prepared, "_MOST_SHAPES", 3)
    for key in range(7):
        list(prepared_rows(Organisation, key, lambda pk: Organisation.objects.filter(pk=pk), [1]))
        assert len(prepared._compiled) <= 3


def test_switched_off_each_call_compiles_its_own_query(settings):
    settings.PREPARED_QUERIES = False
    built = []

    def build(pk):
        built.append(pk)
        return Organisation.objects.filter(pk=pk)

    one, two = OrganisationFactory(), OrganisationFactory()
    for organisation in (one, two, one):
        (row,) = prepared_rows(Organisation, "off", build, [organisation.pk])
        assert row.pk == organisation.pk
    assert len(built) == 3 and not prepared._compiled
