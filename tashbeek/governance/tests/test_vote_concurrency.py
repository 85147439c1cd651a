"""1,000 vote requests at once from 200 member organisations, each on its own database
connection: the designated voter double-clicks and changes their mind, a colleague tries
too. Exactly one counted vote per organisation, none lost; on SQLite and PostgreSQL."""

import datetime
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.utils import timezone, translation

from tashbeek.governance import services
from tashbeek.governance.models import Ballot, Participation, SecretCount
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
ORGANISATIONS = 200


def _network(secretariat, secret: bool):
    voters = {}
    for i in range(ORGANISATIONS):
        organisation = OrganisationFactory(names={"ar": f"بلدية {i}"})
        focal = UserFactory(email=f"focal{i}@vote.example.org")
        colleague = UserFactory(email=f"staff{i}@vote.example.org")
        Affiliation.objects.bulk_create(
            [
                Affiliation(user=focal, organisation=organisation, role="focal"),
                Affiliation(user=colleague, organisation=organisation, role="staff"),
            ]
        )
        voters[organisation.pk] = (focal.pk, colleague.pk)
    now = timezone.now()
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "kind": "motion",
            "titles": {"ar": "اعتماد ميثاق الشبكة المعدل"},
            "opens_at": now - datetime.timedelta(minutes=1),
            "closes_at": now + datetime.timedelta(hours=1),
            "secret": secret,
            "changeable": not secret,
        },
    )
    return services.ballot_open(by=secretariat, ballot=ballot), voters


def _requests(ballot, voters):
    """Five requests per organisation: the voter's double click, a change, a change back,
    and a colleague who is not the designated voter; shuffled."""
    options = dict(ballot.options.values_list("meaning", "pk"))
    work = []
    for organisation_pk, (focal, colleague) in voters.items():
        for person, meaning in [
            (focal, "for"),
            (focal, "for"),
            (focal, "against"),
            (focal, "for"),
            (colleague, "abstain"),
        ]:
            work.append((organisation_pk, person, options[meaning]))
    random.Random(7).shuffle(work)
    return work


def _run(ballot_pk, work):
    User = UserFactory._meta.model
    outcomes = []
    lock = threading.Lock()

    def cast(item):
        organisation_pk, person_pk, option = item
        translation.activate("en")  # each thread has its own active language
        try:
            services.vote_cast(
                by=User.objects.get(pk=person_pk),
                ballot=Ballot.objects.get(pk=ballot_pk),
                organisation=Organisation.objects.get(pk=organisation_pk),
                option_ids=[option],
            )
            result = "counted"
        except PermissionDenied:
            result = "not the voter"
        except ValidationError as error:
            result = "refused: " + " ".join(error.messages)
        except Exception as error:  # any other failure is a lost or broken vote
            result = f"error: {error!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(cast, work))
    return outcomes


def test_open_ballot_one_vote_per_organisation(secretariat):
    ballot, voters = _network(secretariat, secret=False)
    outcomes = _run(ballot.pk, _requests(ballot, voters))
    assert len(outcomes) == 1000
    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("not the voter") == ORGANISATIONS
    assert outcomes.count("counted") == 4 * ORGANISATIONS  # double clicks and changes
    participations = Participation.objects.filter(ballot=ballot)
    assert participations.count() == ORGANISATIONS
    through = Participation.choices.through.objects.filter(participation__ballot=ballot)
    assert through.count() == ORGANISATIONS  # exactly one counted choice each
    assert set(participations.values_list("changes", flat=True)) == {3}


def test_secret_ballot_one_vote_per_organisation(secretariat):
    ballot, voters = _network(secretariat, secret=True)
    outcomes = _run(ballot.pk, _requests(ballot, voters))
    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("counted") == ORGANISATIONS
    assert outcomes.count("not the voter") == ORGANISATIONS
    already = [o for o in outcomes if "already voted" in o]
    assert len(already) == 3 * ORGANISATIONS
    assert Participation.objects.filter(ballot=ballot).count() == ORGANISATIONS
    counted = sum(SecretCount.objects.filter(option__ballot=ballot).values_list("votes", flat=True))
    assert counted == ORGANISATIONS
