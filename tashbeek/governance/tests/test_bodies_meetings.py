"""Bodies, seats, meetings, attendance and the quorum, minutes, and action items."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tashbeek.core.models import AuditEntry
from tashbeek.events.models import Event
from tashbeek.governance import selectors, services
from tashbeek.governance.models import Body, Decision, Meeting, Seat
from tashbeek.governance.tests.conftest import convene
from tashbeek.members.services import membership_decide
from tashbeek.notifications.models import Notification
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_term_runs_for_the_bodys_term_length(seated):
    seat = seated.terms.first()
    assert seat.ends_on == services.term_end(seat.starts_on, 24)
    assert services.term_end(datetime.date(2026, 3, 15), 24) == datetime.date(2028, 3, 14)
    assert services.term_end(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 27)


def test_a_seventh_seat_is_refused(seated, secretariat):
    newcomer = OrganisationFactory()
    with pytest.raises(ValidationError, match="seat"):
        services.seat_assign(
            by=secretariat,
            body=seated,
            data={
                "organisation": newcomer,
                "starts_on": timezone.localdate(),
                "filled_by": "co_option",
            },
        )
    assert seated.terms.count() == 6


def test_only_members_in_good_standing_hold_seats(steering, secretariat):
    partner = OrganisationFactory(relation="partner", membership_status="")
    with pytest.raises(ValidationError):
        services.seat_assign(
            by=secretariat,
            body=steering,
            data={
                "organisation": partner,
                "starts_on": timezone.localdate(),
                "filled_by": "appointment",
            },
        )


def test_only_the_secretariat_fills_seats(steering, focal_aourir, aourir):
    with pytest.raises(PermissionDenied):
        services.seat_assign(
            by=focal_aourir,
            body=steering,
            data={
                "organisation": aourir,
                "starts_on": timezone.localdate(),
                "filled_by": "election",
            },
        )


def test_a_suspended_member_loses_its_seat_with_the_reason(seated, aourir, committee_member):
    decision = membership_decide(
        organisation=aourir,
        by=committee_member,
        kind="suspended",
        reasons="اشتراكات غير مؤداة منذ ثلاث سنوات",
        effective_on=timezone.localdate(),
    )
    seat = Seat.objects.get(body=seated, organisation=aourir)
    assert seat.left_on == timezone.localdate()
    assert "اشتراكات" in seat.left_reason
    assert selectors.current_seats(seated).count() == 5
    entry = Decision.objects.get(membership_decision=decision)
    assert entry.source == "membership" and entry.visibility == "members"
    assert entry.body == seated
    assert selectors.past_seats(seated).filter(pk=seat.pk).exists()  # history stays


def test_convening_creates_a_meeting_event_and_tells_the_body(meeting, members):
    assert meeting.number == 1
    assert meeting.event.kind == Event.Kind.MEETING
    assert meeting.event.titles["en"] == "Meeting 1 of Steering committee"
    assert meeting.event.titles["ar"].startswith("الاجتماع") or meeting.event.titles["ar"]
    told = set(
        Notification.objects.filter(action="governance.meeting.convened").values_list(
            "user_id", flat=True
        )
    )
    assert told == {person.pk for person in members.values()}
    assert AuditEntry.objects.filter(action="governance.meeting.convened").count() == 1


def test_the_rhythm_warns_when_a_quarter_passes_without_a_meeting(seated):
    Body.objects.filter(pk=seated.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=200)
    )
    seated.refresh_from_db()
    rhythm = selectors.rhythm(seated)
    assert rhythm.overdue and rhythm.last is None


def _seats(meeting):
    return list(selectors.meeting_seats(meeting))


@pytest.mark.parametrize(
    "rule, present, met",
    [
        ("half", 3, False),
        ("half", 4, True),
        ("two_thirds", 3, False),
        ("two_thirds", 4, True),
        ("one_third", 1, False),
        ("one_third", 2, True),
    ],
)
def test_quorum_grid_on_six_seats(meeting, secretariat, rule, present, met):
    Body.objects.filter(pk=meeting.body_id).update(quorum=rule)
    meeting = Meeting.objects.get(pk=meeting.pk)
    seats = _seats(meeting)
    statuses = {s.pk: ("present" if i < present else "absent") for i, s in enumerate(seats)}
    quorum = services.attendance_record(by=secretariat, meeting=meeting, statuses=statuses)
    assert quorum.present == present and quorum.met is met


@pytest.mark.parametrize("seats, needed", [(1, 1), (2, 2), (5, 3), (6, 4), (7, 4), (9, 5)])
def test_more_than_half(seats, needed):
    assert Body(seats=seats, quorum="half").quorum_needed() == needed


def test_a_substitute_counts_and_an_excused_seat_does_not(meeting, secretariat):
    seats = _seats(meeting)
    statuses = dict.fromkeys([s.pk for s in seats], "excused")
    statuses.update({seats[0].pk: "present", seats[1].pk: "substitute"})
    quorum = services.attendance_record(by=secretariat, meeting=meeting, statuses=statuses)
    assert quorum.present == 2


def test_a_decision_needs_the_quorum(meeting, secretariat):
    item = services.agenda_item_save(
        by=secretariat,
        meeting=meeting,
        data={"kind": "decision", "titles": {"ar": "اعتماد خطة عمل 2027"}},
    )
    seats = _seats(meeting)
    statuses = {s.pk: ("present" if i < 3 else "absent") for i, s in enumerate(seats)}
    services.attendance_record(by=secretariat, meeting=meeting, statuses=statuses)
    data = {"titles": {"ar": "اعتمدت خطة العمل"}, "visibility": "public", "tally": {"for": 3}}
    with pytest.raises(ValidationError, match="quorum"):
        services.item_decide(by=secretariat, item=item, data=data)
    assert not Decision.objects.exists()
    statuses[seats[3].pk] = "present"
    services.attendance_record(by=secretariat, meeting=meeting, statuses=statuses)
    decision = services.item_decide(by=secretariat, item=item, data=data)
    assert decision.reference == f"{decision.year}/001"
    with pytest.raises(ValidationError):
        services.item_decide(by=secretariat, item=item, data=data)


def test_register_numbers_run_per_year(secretariat, steering):
    made = [
        services.decision_create(
            by=secretariat,
            data={
                "body": steering,
                "decided_on": datetime.date(year, 5, 1),
                "titles": {"ar": "قرار"},
                "visibility": "public",
            },
        )
        for year in (2026, 2026, 2027, 2026)
    ]
    assert [d.reference for d in made] == ["2026/001", "2026/002", "2027/001", "2026/003"]


def test_minutes_are_approved_then_frozen_and_corrected_with_a_reason(meeting, secretariat):
    item = services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "information", "titles": {"ar": "تقرير"}}
    )
    services.minutes_save(by=secretariat, meeting=meeting, minutes={item.pk: ("قدم التقرير", True)})
    services.minutes_circulate(by=secretariat, meeting=meeting)
    services.minutes_approve(by=secretariat, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.minutes_status == "approved" and meeting.minutes_version == 1
    with pytest.raises(ValidationError):
        services.minutes_save(by=secretariat, meeting=meeting, minutes={item.pk: ("تغيير", True)})
    with pytest.raises(ValidationError):
        services.agenda_item_save(
            by=secretariat, meeting=meeting, data={"kind": "information", "titles": {"ar": "بند"}}
        )
    with pytest.raises(ValidationError):
        services.minutes_correct(
            by=secretariat, meeting=meeting, minutes={item.pk: ("x", True)}, reason=" "
        )
    version = services.minutes_correct(
        by=secretariat,
        meeting=meeting,
        minutes={item.pk: ("قدم التقرير المالي", True)},
        reason="خطأ في العنوان",
    )
    assert version.number == 2 and version.reason == "خطأ في العنوان"
    first = meeting.minutes_versions.get(number=1)
    assert first.items[0]["minutes"] == "قدم التقرير"  # what was approved stays readable


def test_owners_change_only_the_status_of_their_action(meeting, secretariat, aourir, focal_aourir):
    action = services.action_item_save(
        by=secretariat,
        meeting=meeting,
        data={
            "texts": {"ar": "إعداد مسودة"},
            "owner_organisation": aourir,
            "due_on": timezone.localdate(),
        },
    )
    services.action_item_save(
        by=focal_aourir,
        meeting=meeting,
        action=action,
        data={"status": "done", "texts": {"ar": "x"}},
    )
    action.refresh_from_db()
    assert action.status == "done" and action.texts == {"ar": "إعداد مسودة"}
    assert list(selectors.actions_of(aourir)) == [action]


@pytest.mark.usefixtures("immediate_on_commit")
def test_a_meeting_moved_in_the_calendar_is_announced_to_its_body(meeting, secretariat):
    """The meeting's event is changed where events are changed; the body's people are told
    once each, in their language, with the new .ics."""
    from django.core import mail

    from tashbeek.events import services as events

    people = list(selectors.body_people(meeting.body))
    assert people
    mail.outbox.clear()
    later = meeting.event.starts_at + datetime.timedelta(days=7)
    events.event_save(
        by=secretariat,
        event=meeting.event,
        data={"starts_at": later, "ends_at": later + datetime.timedelta(hours=3)},
    )
    for person in people:
        notices = Notification.objects.filter(user=person, action="governance.meeting.changed")
        assert notices.count() == 1
        sent = [m for m in mail.outbox if m.to == [person.email]]
        assert len(sent) <= 1  # at once, in a digest or not at all, as the person chose
        if sent:
            assert sent[0].attachments[0][0] == "meeting.ics"
            content = sent[0].attachments[0][1]
            assert "SEQUENCE:1" in (content.decode() if isinstance(content, bytes) else content)
    assert mail.outbox, "nobody of the body was written to"


def test_the_body_is_told_when_papers_are_added(meeting, secretariat, library_document):
    item = services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "discussion", "titles": {"en": "Waste"}}
    )
    papers = Notification.objects.filter(action="governance.meeting.papers")
    assert not papers.exists()
    services.agenda_item_save(
        by=secretariat, meeting=meeting, item=item, data={"papers": [library_document]}
    )
    people = selectors.body_people(meeting.body)
    assert sorted(papers.values_list("user_id", flat=True)) == [p.pk for p in people]
    assert f"item {item.number}: Waste" in papers.first().text
    # The same papers saved again, or the title changed: nothing new to read.
    services.agenda_item_save(
        by=secretariat,
        meeting=meeting,
        item=item,
        data={"titles": {"en": "Waste plan"}, "papers": [library_document]},
    )
    assert papers.count() == len(people)


@pytest.mark.usefixtures("immediate_on_commit")
def test_the_notice_of_an_online_meeting_gives_the_body_its_link(seated, secretariat):
    """The body's people are the meeting's insiders (its page shows them the link), so the
    notice carries it; a participant's e-mail keeps it for confirmed seats only."""
    from django.core import mail

    link = "https://meet.example.org/steering"
    convene(seated, secretariat, mode="online", venue="", online_url=link)
    people = {p.email for p in selectors.body_people(seated)}
    notices = [m for m in mail.outbox if set(m.to) & people]
    assert notices
    assert all(link in m.body for m in notices)
