"""Every URL pattern × every persona. A URL pattern without an entry here fails the test."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import PERSONAS
from tashbeek.members.models import Affiliation

pytestmark = pytest.mark.usefixtures("focal_aourir")

ALL = dict.fromkeys(PERSONAS, 200)
SIGNED_IN = {p: 200 for p in PERSONAS if p != "visitor"}


def grid(visitor, **others):
    """`visitor` for the anonymous visitor; `default` for everyone not named."""
    default = others.pop("default", None)
    result = {p: others.get(p, default) for p in PERSONAS if p != "visitor"}
    result["visitor"] = visitor
    return result


ONLY_OWNER = grid(302, default=403, focal_aourir=200, secretariat=200)
REVIEWERS = grid(302, default=403, committee_member=200, secretariat=200)
# An application is invisible (404) to anyone who is not its applicant or a reviewer.
APPLICATION_READERS = grid(302, default=404, applicant=200, committee_member=200, secretariat=200)
AOURIR_INSIDERS = grid(
    302, default=403, staff_aourir=200, focal_aourir=200, committee_member=200, secretariat=200
)
SECRETARIAT_ONLY = grid(302, default=403, secretariat=200)
ORGANISERS = grid(302, default=403, coordinator=200, secretariat=200)
# The steering committee also organises the network's own events and writes work plans.
NETWORK_ORGANISERS = grid(302, default=403, coordinator=200, committee_member=200, secretariat=200)
APPLICATION = lambda f: {"pk": f["application"].pk}  # noqa: E731
COMMUNITY = lambda f: {"slug": f["community"].slug}  # noqa: E731
MEMBERSHIP = lambda f: {"slug": f["community"].slug, "membership_pk": f["membership"].pk}  # noqa: E731
EVENT = lambda f: {"pk": f["event"].pk}  # noqa: E731
DOCUMENT = lambda f: {"pk": f["document_in_library"].pk}  # noqa: E731
API_DOCUMENT = DOCUMENT
EXPERIENCE = lambda f: {"pk": f["experience"].pk}  # noqa: E731
EXPERIENCE_FILE = lambda f: {"pk": f["experience"].pk, "file_pk": f["photo"].pk}  # noqa: E731
THREAD = lambda f: {"slug": f["community"].slug, "pk": f["thread"].pk}  # noqa: E731
POST = lambda f: {**THREAD(f), "post_pk": f["post"].pk}  # noqa: E731
API_THREAD = lambda f: {"pk": f["thread"].pk}  # noqa: E731
API_POST = lambda f: {"pk": f["post"].pk}  # noqa: E731
PLAN_ITEM = lambda f: {"slug": f["community"].slug, "pk": f["plan_item"].pk}  # noqa: E731
# The community of the fixtures: its coordinator and Aourir's staff member.
COMMUNITY_MEMBERS = {"coordinator": 200, "staff_aourir": 200, "secretariat": 200}
DOCUMENT_READERS = grid(302, default=404, **COMMUNITY_MEMBERS)
DISCUSSANTS = grid(302, default=403, **COMMUNITY_MEMBERS)
DISCUSSANTS_200 = COMMUNITY_MEMBERS
DISCUSSANTS_400 = dict.fromkeys(COMMUNITY_MEMBERS, 400)
# People who work for an organisation (and the secretariat) write experiences.
AFFILIATED = dict.fromkeys(
    ("coordinator", "staff_other_member", "staff_aourir", "focal_aourir", "secretariat"), 200
)
EXPERIENCE_OWNERS = grid(302, default=403, staff_aourir=200, focal_aourir=200, secretariat=200)
OWNERS_409 = {"staff_aourir": 409, "focal_aourir": 409}
OWNERS_400 = {"staff_aourir": 400, "focal_aourir": 400, "secretariat": 400}
OWNERS_302 = {"staff_aourir": 302, "focal_aourir": 302, "secretariat": 302}
NEED = lambda f: {"pk": f["need"].pk}  # noqa: E731
OFFER = lambda f: {"pk": f["offer"].pk}  # noqa: E731
# Staff of active members (and the secretariat) post needs; a members-only need is read by
# signed-in members and its own organisation; its organisation and the secretariat change it.
NEED_AUTHORS = dict.fromkeys(
    ("coordinator", "staff_other_member", "staff_aourir", "focal_aourir", "secretariat"), 200
)
NEED_READERS = {**NEED_AUTHORS, "committee_member": 200}
NEED_OWNERS = {"staff_aourir": 200, "focal_aourir": 200, "secretariat": 200}
NEED_MEMBERS_403 = {"coordinator": 403, "staff_other_member": 403, "committee_member": 403}
# Governance: the fixture's steering committee has Aourir on a seat (its focal person
# represents it); the secretariat runs it; the register's decision is for members only.
BODY = lambda f: {"slug": f["governance"]["body"].slug}  # noqa: E731
MEETING = lambda f: {"pk": f["governance"]["meeting"].pk}  # noqa: E731
ITEM = lambda f: {**MEETING(f), "item_pk": f["governance"]["item"].pk}  # noqa: E731
ACTION = lambda f: {**MEETING(f), "action_pk": f["governance"]["action"].pk}  # noqa: E731
BALLOT = lambda f: {"pk": f["governance"]["ballot"].pk}  # noqa: E731
DECISION = lambda f: {  # noqa: E731
    "year": f["governance"]["decision"].year,
    "number": f["governance"]["decision"].number,
}
GOVERNANCE_API = {
    "body",
    "seat",
    "meeting",
    "agenda",
    "action",
    "decision",
    "ballot",
    "governance",
    "network",
}
SEAT = lambda f: {"pk": f["governance"]["body"].terms.get().pk}  # noqa: E731
API_BODY = lambda f: {"slug": f["governance"]["body"].slug}  # noqa: E731
API_ITEM = lambda f: {"pk": f["governance"]["item"].pk}  # noqa: E731
API_ACTION = lambda f: {"pk": f["governance"]["action"].pk}  # noqa: E731
API_DECISION = lambda f: {"pk": f["governance"]["decision"].pk}  # noqa: E731
PAPER = lambda f: {"pk": f["governance"]["paper"].pk}  # noqa: E731
# An internal paper: the body's people (Aourir holds a seat), the committee, the secretariat.
PAPER_READERS = grid(
    403, default=403, staff_aourir=200, focal_aourir=200, committee_member=200, secretariat=200
)
API_SECRETARIAT_400 = grid(401, default=403, secretariat=400)
AFFILIATED_400 = dict.fromkeys(
    ("coordinator", "staff_other_member", "staff_aourir", "focal_aourir"), 400
)
NETWORK_MEMBERS_ONLY = grid(404, default=200, resident=404, applicant=404)

# name: (method, kwargs builder(fixtures) -> dict, expected status per persona)
# Cooperation: Aourir declared a twinning with Nablus (the coordinator and staff_other_member
# work for Nablus), still awaiting Nablus's confirmation, so only the parties' people and the
# network's secretariat and committee see it; a public project led by Aourir with Nablus.
AGREEMENT = lambda f: {"pk": f["cooperation"]["agreement"].pk}  # noqa: E731
PROJECT = lambda f: {"pk": f["cooperation"]["project"].pk}  # noqa: E731
NABLUS = ("coordinator", "staff_other_member")
AOURIR = ("staff_aourir", "focal_aourir")
AGREEMENT_READERS = grid(
    404, default=404, **dict.fromkeys(NABLUS + AOURIR + ("committee_member", "secretariat"), 200)
)
AGREEMENT_API_READERS = {**AGREEMENT_READERS, "visitor": 404}
DECLARING_PARTY = grid(
    302,
    resident=404,
    applicant=404,
    default=403,
    staff_aourir=200,
    focal_aourir=200,
    secretariat=200,
)
PARTY_FOCAL_OR_SECRETARIAT = {**DECLARING_PARTY, "staff_aourir": 403}
PARTNERS = dict.fromkeys(NABLUS + AOURIR + ("secretariat",), 200)
PROJECT_EDITORS = grid(302, default=403, **PARTNERS)
PROJECT_INSIDERS = grid(302, default=403, committee_member=200, **PARTNERS)
LEAD = grid(302, default=403, staff_aourir=200, focal_aourir=200, secretariat=200)
API_LEAD_400 = grid(401, default=403, staff_aourir=400, focal_aourir=400, secretariat=400)
API_PARTNERS_400 = grid(401, default=403, **dict.fromkeys(PARTNERS, 400))
COOPERATION_API = {"agreement", "project", "shared", "tender", "cooperation"}
ATTACHMENT = lambda f: {"pk": f["cooperation"]["attachment"].pk}  # noqa: E731
SERVICE = lambda f: {"slug": f["cooperation"]["service"].slug}  # noqa: E731
TENDER = lambda f: {"pk": f["cooperation"]["tender"].pk}  # noqa: E731
# Aourir operates the shared service and leads the tender; Nablus takes part in both.
OPERATOR = LEAD
TENDER_PARTICIPANTS = grid(302, default=403, **dict.fromkeys(NABLUS + AOURIR, 200))
API_PARTICIPANTS_400 = grid(401, default=403, **dict.fromkeys(NABLUS + AOURIR, 400))


MATRIX = {
    "home": ("get", None, ALL),
    "healthz": ("get", None, ALL),
    "robots_txt": ("get", None, ALL),
    "favicon": ("get", None, dict.fromkeys(PERSONAS, 301)),
    "sitemap": ("get", None, ALL),
    "audit_log": ("get", None, grid(403, default=403, secretariat=200)),
    "outbox": ("get", None, grid(403, default=403, secretariat=200)),
    "members:directory": ("get", None, ALL),
    "members:map_data": ("get", None, ALL),
    "members:directory_export": ("get", lambda f: {"fmt": "xlsx"}, ALL),
    "members:create": ("get", None, grid(302, default=403, secretariat=200)),
    "members:detail": ("get", lambda f: {"pk": f["aourir"].pk}, ALL),
    "members:edit": ("get", lambda f: {"pk": f["aourir"].pk}, ONLY_OWNER),
    "members:staff": ("get", lambda f: {"pk": f["aourir"].pk}, ONLY_OWNER),
    "members:staff_remove": (
        "post",
        lambda f: {"pk": f["aourir"].pk, "affiliation_pk": f["removable"].pk},
        grid(302, default=403, focal_aourir=302, secretariat=302),
    ),
    "members:invitation": ("get", lambda f: {"token": "not-a-token"}, dict.fromkeys(PERSONAS, 404)),
    "accounts:signup": ("get", None, grid(200, default=302)),
    "accounts:signup_done": ("get", None, ALL),
    "accounts:verify_resend": ("get", None, dict.fromkeys(PERSONAS, 405)),
    "accounts:verify": (
        "get",
        lambda f: {"uidb64": "MQ", "token": "bad-token"},
        dict.fromkeys(PERSONAS, 400),
    ),
    "accounts:login": ("get", None, grid(200, default=302)),
    "accounts:logout": ("get", None, dict.fromkeys(PERSONAS, 405)),
    "accounts:password_reset": ("get", None, ALL),
    "accounts:password_reset_done": ("get", None, ALL),
    "accounts:password_reset_confirm": ("get", lambda f: {"uidb64": "MQ", "token": "x-y"}, ALL),
    "accounts:password_reset_complete": ("get", None, ALL),
    # The second factor is for the privileged roles (secretariat, committee, operator).
    "accounts:mfa": ("get", None, grid(302, default=403, secretariat=200, committee_member=200)),
    "accounts:recovery_codes": (
        "get",
        None,
        grid(302, default=403, secretariat=405, committee_member=405),
    ),
    "accounts:password_change": ("get", None, grid(302, **SIGNED_IN)),
    "accounts:tokens": ("get", None, grid(302, **SIGNED_IN)),
    "accounts:token_revoke": ("get", lambda f: {"token_key": "abc"}, grid(302, default=405)),
    "api-token-owned-list": ("get", None, grid(401, **SIGNED_IN)),
    "api-token-owned-detail": ("get", lambda f: {"token_key": "abc"}, dict.fromkeys(PERSONAS, 405)),
    "accounts:profile": ("get", None, grid(302, **SIGNED_IN)),
    "set_language": ("get", None, dict.fromkeys(PERSONAS, 302)),
    "api-root": ("get", None, ALL),
    "organisation-list": ("get", None, ALL),
    "organisation-detail": ("get", lambda f: {"pk": f["aourir"].pk}, ALL),
    "api-token": ("get", None, dict.fromkeys(PERSONAS, 405)),
    "api-schema": ("get", None, ALL),
    "api-docs": ("get", None, ALL),
    "members:join": ("get", None, ALL),
    "members:queue": ("get", None, REVIEWERS),
    "members:application": ("get", APPLICATION, APPLICATION_READERS),
    # Submitted, so no longer editable: readers get 403, everyone else 404.
    "members:application_step": (
        "get",
        lambda f: {"pk": f["application"].pk, "step": "organisation"},
        grid(302, default=404, applicant=403, committee_member=403, secretariat=403),
    ),
    "members:application_document": (
        "get",
        lambda f: {"pk": f["application"].pk, "document_pk": f["document"].pk},
        APPLICATION_READERS,
    ),
    # An empty internal comment: reviewers get the form back (400), the applicant 403.
    "members:application_message": (
        "post",
        lambda f: {"pk": f["application"].pk, "kind": "comment"},
        grid(302, default=404, applicant=403, committee_member=400, secretariat=400),
    ),
    "members:decide": ("post", APPLICATION, grid(302, default=403, committee_member=400)),
    "members:application_withdraw": (
        "post",
        APPLICATION,
        grid(302, default=404, applicant=302, committee_member=403, secretariat=403),
    ),
    "members:membership": ("get", lambda f: {"pk": f["aourir"].pk}, AOURIR_INSIDERS),
    # An empty decision: the committee and Aourir's focal person (withdrawal) get 400.
    "members:membership_decide": (
        "post",
        lambda f: {"pk": f["aourir"].pk},
        grid(302, default=403, focal_aourir=400, committee_member=400),
    ),
    "members:dues": ("get", None, REVIEWERS),
    "members:dues_export": ("get", lambda f: {"fmt": "csv"}, REVIEWERS),
    "members:dues_generate": (
        "post",
        lambda f: {"year": f["due"].schedule.year},
        grid(302, default=403, secretariat=302),
    ),
    "members:schedule_new": ("get", None, SECRETARIAT_ONLY),
    "members:schedule_edit": ("get", lambda f: {"year": f["due"].schedule.year}, SECRETARIAT_ONLY),
    "members:payment": ("get", lambda f: {"pk": f["due"].pk}, SECRETARIAT_ONLY),
    "members:waive": (
        "post",
        lambda f: {"pk": f["due"].pk},
        grid(302, default=403, secretariat=400),
    ),
    "members:statement": ("get", lambda f: {"pk": f["aourir"].pk}, AOURIR_INSIDERS),
    "notifications:inbox": ("get", None, grid(302, **SIGNED_IN)),
    "notifications:mark_read": ("post", None, dict.fromkeys(PERSONAS, 302)),
    # API: the same rules; an anonymous caller gets 401 (token authentication).
    "application-list": ("get", None, grid(401, **SIGNED_IN)),
    "application-detail": ("get", APPLICATION, {**APPLICATION_READERS, "visitor": 401}),
    "application-documents": (
        "post",
        APPLICATION,
        grid(401, default=404, applicant=403, committee_member=403, secretariat=403),
    ),
    "application-submit": (
        "post",
        APPLICATION,
        grid(401, default=404, applicant=403, committee_member=403, secretariat=403),
    ),
    "application-messages": (
        "post",
        APPLICATION,
        grid(401, default=404, applicant=400, committee_member=400, secretariat=400),
    ),
    "application-decision": ("post", APPLICATION, grid(401, default=403, committee_member=400)),
    "application-withdraw": (
        "post",
        APPLICATION,
        grid(401, default=404, applicant=200, committee_member=403, secretariat=403),
    ),
    "membership-decision-list": ("get", None, grid(401, **SIGNED_IN)),
    "due-list": ("get", None, grid(401, **SIGNED_IN)),
    "due-detail": (
        "get",
        lambda f: {"pk": f["due"].pk},
        {
            **AOURIR_INSIDERS,
            "visitor": 401,
            **dict.fromkeys(("resident", "applicant", "staff_other_member", "coordinator"), 404),
        },
    ),
    "due-payments": (
        "post",
        lambda f: {"pk": f["due"].pk},
        grid(401, default=403, secretariat=400),
    ),
    "due-waive": ("post", lambda f: {"pk": f["due"].pk}, grid(401, default=403, secretariat=400)),
    "fee-schedule-list": ("get", None, {**REVIEWERS, "visitor": 401}),
    "fee-schedule-detail": (
        "get",
        lambda f: {"year": f["due"].schedule.year},
        {**REVIEWERS, "visitor": 401},
    ),
    "fee-schedule-generate": (
        "post",
        lambda f: {"year": f["due"].schedule.year},
        grid(401, default=403, secretariat=200),
    ),
    # Communities and events
    "communities:list": ("get", None, ALL),
    "communities:create": ("get", None, SECRETARIAT_ONLY),
    "communities:detail": ("get", COMMUNITY, ALL),
    # Joining is for people of the network (resident and applicant are not yet).
    "communities:join": ("post", COMMUNITY, grid(302, default=302, resident=403, applicant=403)),
    "communities:leave": (
        "post",
        MEMBERSHIP,
        grid(302, default=403, staff_aourir=302, coordinator=302, secretariat=302),
    ),
    "communities:approve": (
        "post",
        MEMBERSHIP,
        grid(302, default=403, coordinator=302, secretariat=302),
    ),
    "events:list": ("get", None, ALL),
    "events:create": ("get", None, NETWORK_ORGANISERS),
    "events:mine": ("get", None, grid(302, **SIGNED_IN)),
    "events:network_feed": ("get", None, ALL),
    "events:community_feed": ("get", COMMUNITY, ALL),
    "events:personal_feed": ("get", lambda f: {"token": "1.forged"}, dict.fromkeys(PERSONAS, 404)),
    "events:detail": ("get", EVENT, ALL),
    "events:edit": ("get", EVENT, ORGANISERS),
    "events:ics": ("get", EVENT, ALL),
    "events:register": ("post", EVENT, dict.fromkeys(PERSONAS, 302)),
    "events:cancel": (
        "post",
        lambda f: {"pk": f["event"].pk, "registration_pk": f["registration"].pk},
        grid(302, default=403, staff_aourir=302, coordinator=302, secretariat=302),
    ),
    "events:attendance": ("get", EVENT, ORGANISERS),
    "events:participants_export": ("get", lambda f: {**EVENT(f), "fmt": "csv"}, ORGANISERS),
    "events:attendance_export": ("get", lambda f: {**EVENT(f), "fmt": "xlsx"}, ORGANISERS),
    "community-list": ("get", None, ALL),
    "community-detail": ("get", COMMUNITY, ALL),
    "community-members": ("get", COMMUNITY, grid(401, default=200, resident=403, applicant=403)),
    "community-join": ("post", COMMUNITY, grid(401, default=201, resident=403, applicant=403)),
    "community-membership-list": ("get", None, grid(401, **SIGNED_IN)),
    "community-membership-detail": (
        "get",
        lambda f: {"pk": f["membership"].pk},
        grid(401, default=404, **COMMUNITY_MEMBERS),
    ),
    # Already active: its coordinator (and the secretariat) are told so (400), the member 403.
    "community-membership-approve": (
        "post",
        lambda f: {"pk": f["membership"].pk},
        grid(401, default=404, staff_aourir=403, coordinator=400, secretariat=400),
    ),
    "event-list": ("get", None, ALL),
    "event-detail": ("get", EVENT, ALL),
    "event-register": ("post", EVENT, grid(401, default=201)),
    "event-cancel": ("post", EVENT, grid(401, default=404, staff_aourir=200)),
    # Organisers only; an empty body is a 400 for them (the rules are checked first).
    "event-participants": ("get", EVENT, grid(401, default=403, coordinator=200, secretariat=200)),
    "event-attendance": ("post", EVENT, grid(401, default=403, coordinator=400, secretariat=400)),
    "media": ("get", lambda f: {"path": "missing.png"}, dict.fromkeys(PERSONAS, 404)),
    "events:calendar": ("get", None, ALL),
    # Library: the fixture document is published for the community only.
    "library:list": ("get", None, ALL),
    "library:create": ("get", None, grid(302, default=403, **COMMUNITY_MEMBERS)),
    "library:detail": ("get", DOCUMENT, {**DOCUMENT_READERS, "visitor": 404}),
    "library:edit": ("get", DOCUMENT, {**DOCUMENT_READERS, "staff_aourir": 403}),
    "library:version_add": (
        "post",
        DOCUMENT,
        grid(302, default=404, staff_aourir=403, coordinator=400, secretariat=400),
    ),
    "library:download": (
        "get",
        lambda f: {"pk": f["document_in_library"].pk, "number": 1},
        {**DOCUMENT_READERS, "visitor": 404},
    ),
    # An empty workflow form: readers are sent back to the page.
    "library:transition": (
        "post",
        DOCUMENT,
        grid(302, default=404, staff_aourir=302, coordinator=302, secretariat=302),
    ),
    # Experiences: the fixture is Aourir's, published after the coordinator's review.
    "experiences:import": ("get", None, SECRETARIAT_ONLY),
    "experiences:import_confirm": ("post", None, grid(302, default=403, secretariat=302)),
    "experiences:list": ("get", None, ALL),
    "experiences:create": ("get", None, grid(302, default=403, **AFFILIATED)),
    "experiences:queue": ("get", None, grid(302, **SIGNED_IN)),
    "experiences:detail": ("get", EXPERIENCE, ALL),
    "experiences:file": ("get", EXPERIENCE_FILE, ALL),
    "experiences:edit": ("get", EXPERIENCE, EXPERIENCE_OWNERS),
    # Already published: its owners get 409 (stale), anyone else 403.
    "experiences:submit": ("post", EXPERIENCE, grid(302, default=403, **OWNERS_409)),
    "experiences:review": (
        "post",
        EXPERIENCE,
        grid(302, default=403, coordinator=400, secretariat=400),
    ),
    "experiences:unpublish": ("post", EXPERIENCE, grid(302, default=403, secretariat=400)),
    "experiences:file_add": ("post", EXPERIENCE, {**EXPERIENCE_OWNERS, **OWNERS_400}),
    "experiences:file_remove": ("post", EXPERIENCE_FILE, {**EXPERIENCE_OWNERS, **OWNERS_302}),
    # Ask the authors: anyone signed in but the authors themselves.
    "experiences:ask": (
        "get",
        EXPERIENCE,
        grid(302, default=200, staff_aourir=403, focal_aourir=403),
    ),
    # Discussions: for the community's members (and the secretariat).
    "discussions:list": ("get", COMMUNITY, DISCUSSANTS),
    "discussions:start": ("get", COMMUNITY, DISCUSSANTS),
    "discussions:thread": ("get", THREAD, DISCUSSANTS),
    "discussions:reply": ("post", THREAD, grid(302, default=403, **DISCUSSANTS_400)),
    "discussions:hide": ("post", POST, grid(302, default=403, coordinator=400, secretariat=400)),
    "discussions:unhide": ("post", POST, grid(302, default=403, coordinator=302, secretariat=302)),
    "discussions:report": ("post", POST, grid(302, default=403, **DISCUSSANTS_400)),
    # Work plans: public to read; the coordinators, the secretariat and the committee write.
    "workplans:plan": ("get", COMMUNITY, ALL),
    "workplans:create": ("get", COMMUNITY, NETWORK_ORGANISERS),
    "workplans:edit": ("get", PLAN_ITEM, NETWORK_ORGANISERS),
    "workplans:delete": (
        "post",
        PLAN_ITEM,
        grid(302, default=403, coordinator=302, committee_member=302, secretariat=302),
    ),
    # API for the same.
    "document-list": ("get", None, ALL),
    "document-detail": ("get", API_DOCUMENT, {**DOCUMENT_READERS, "visitor": 404}),
    "document-file": (
        "get",
        lambda f: {"pk": f["document_in_library"].pk, "number": 1},
        {**DOCUMENT_READERS, "visitor": 404},
    ),
    "document-versions": (
        "post",
        API_DOCUMENT,
        grid(401, default=404, staff_aourir=403, coordinator=400, secretariat=400),
    ),
    # A reader who may move the document through no step is refused before the body is read.
    "document-transition": (
        "post",
        API_DOCUMENT,
        grid(401, default=404, staff_aourir=403, coordinator=400, secretariat=400),
    ),
    "experience-list": ("get", None, ALL),
    "experience-detail": ("get", EXPERIENCE, ALL),
    "experience-file": ("get", EXPERIENCE_FILE, ALL),
    "experience-submit": ("post", EXPERIENCE, grid(401, default=403, **OWNERS_409)),
    "experience-review": (
        "post",
        EXPERIENCE,
        grid(401, default=403, coordinator=400, secretariat=400),
    ),
    "experience-ask": (
        "post",
        EXPERIENCE,
        grid(401, default=400, staff_aourir=403, focal_aourir=403),
    ),
    "experience-files": ("post", EXPERIENCE, grid(401, default=403, **OWNERS_400)),
    "plan-item-list": ("get", None, ALL),
    "plan-item-detail": ("get", lambda f: {"pk": f["plan_item"].pk}, ALL),
    "thread-list": ("get", None, grid(401, **SIGNED_IN)),
    "thread-detail": ("get", API_THREAD, grid(401, default=404, **DISCUSSANTS_200)),
    "thread-reply": ("post", API_THREAD, grid(401, default=404, **DISCUSSANTS_400)),
    "post-detail": ("get", API_POST, grid(401, default=404, **DISCUSSANTS_200)),
    "post-hide": (
        "post",
        API_POST,
        grid(401, default=404, staff_aourir=403, coordinator=400, secretariat=400),
    ),
    "post-report": ("post", API_POST, grid(401, default=404, **DISCUSSANTS_400)),
    "search:search": ("get", None, ALL),
    "api-search": ("get", None, dict.fromkeys(PERSONAS, 400)),  # no query: a clear 400
    "api-match": ("get", None, dict.fromkeys(PERSONAS, 400)),
    "needs:list": ("get", None, ALL),
    "needs:create": ("get", None, grid(302, default=403, **NEED_AUTHORS)),
    "needs:detail": ("get", NEED, grid(404, default=404, **NEED_READERS)),
    "needs:edit": ("get", NEED, grid(302, default=404, **NEED_MEMBERS_403, **NEED_OWNERS)),
    "needs:status": (
        "post",
        NEED,
        grid(302, default=404, **NEED_MEMBERS_403, **dict.fromkeys(NEED_OWNERS, 400)),
    ),
    "needs:offer_create": ("get", None, grid(302, default=403, **AFFILIATED)),
    "needs:offer": ("get", OFFER, ALL),
    "needs:offer_edit": ("get", OFFER, grid(302, default=403, **NEED_OWNERS)),
    "needs:offer_withdraw": (
        "post",
        OFFER,
        grid(302, default=403, **dict.fromkeys(NEED_OWNERS, 302)),
    ),
    "need-list": ("get", None, ALL),
    "need-detail": ("get", NEED, grid(404, default=404, **NEED_READERS)),
    "need-help": ("get", NEED, grid(404, default=404, **NEED_READERS)),
    "need-status": (
        "post",
        NEED,
        grid(401, default=404, **NEED_MEMBERS_403, **dict.fromkeys(NEED_OWNERS, 400)),
    ),
    "offer-list": ("get", None, ALL),
    "offer-detail": ("get", OFFER, ALL),
    # Governance
    "governance:index": ("get", None, ALL),
    "governance:body": ("get", BODY, ALL),
    "governance:convene": ("get", BODY, SECRETARIAT_ONLY),
    "governance:seat_add": ("get", BODY, SECRETARIAT_ONLY),
    "governance:meeting": ("get", MEETING, ALL),
    "governance:item_add": ("get", MEETING, SECRETARIAT_ONLY),
    "governance:decide": ("get", ITEM, SECRETARIAT_ONLY),
    "governance:attendance": ("get", MEETING, SECRETARIAT_ONLY),
    "governance:paper_add": ("get", ITEM, SECRETARIAT_ONLY),
    "governance:paper": ("get", PAPER, PAPER_READERS),
    # No reason given: back to the meeting with the message; nothing removed.
    "governance:paper_remove": ("post", PAPER, grid(302, default=403, secretariat=302)),
    "governance:minutes": ("get", MEETING, SECRETARIAT_ONLY),
    "governance:minutes_step": (
        "post",
        lambda f: {**MEETING(f), "step": "circulate"},
        grid(302, default=403, secretariat=302),
    ),
    "governance:action_add": ("get", MEETING, SECRETARIAT_ONLY),
    # No status chosen: a 400 for the owners (Aourir's people) and the secretariat.
    "governance:action_status": (
        "post",
        ACTION,
        grid(302, default=403, staff_aourir=400, focal_aourir=400, secretariat=400),
    ),
    "governance:actions": ("get", None, grid(302, **SIGNED_IN)),
    "governance:register": ("get", None, ALL),
    "governance:register_export": ("get", lambda f: {"fmt": "csv"}, ALL),
    "governance:decision": ("get", DECISION, NETWORK_MEMBERS_ONLY),
    "governance:ballot_new": ("get", None, SECRETARIAT_ONLY),
    "governance:ballot": ("get", BALLOT, ALL),
    # An empty vote: a 400 for Aourir's designated voter, refused to everyone else.
    "governance:vote": ("post", BALLOT, grid(302, default=403, focal_aourir=400)),
    "governance:candidacy": ("get", BALLOT, grid(302, default=403, focal_aourir=200)),
    # Opening a ballot that is already open: refused with the reason.
    "governance:ballot_step": (
        "post",
        lambda f: {**BALLOT(f), "step": "open"},
        grid(302, default=403, secretariat=400),
    ),
    # Governance API: empty writes are a 400 for who may make them.
    "body-list": ("get", None, ALL),
    "body-detail": ("get", API_BODY, ALL),
    "seat-list": ("get", None, ALL),
    "seat-detail": ("get", SEAT, ALL),
    "seat-end": ("post", SEAT, API_SECRETARIAT_400),
    "meeting-list": ("get", None, ALL),
    "meeting-detail": ("get", MEETING, ALL),
    "meeting-attendance": ("post", MEETING, API_SECRETARIAT_400),
    "meeting-minutes": ("post", MEETING, API_SECRETARIAT_400),
    "agenda-item-list": ("get", None, ALL),
    "agenda-item-detail": ("get", API_ITEM, ALL),
    "agenda-item-decide": ("post", API_ITEM, API_SECRETARIAT_400),
    "agenda-paper-list": ("get", None, ALL),
    "agenda-paper-detail": ("get", PAPER, {**PAPER_READERS, "visitor": 401}),
    "agenda-paper-download": ("get", PAPER, {**PAPER_READERS, "visitor": 401}),
    "agenda-paper-remove": ("post", PAPER, API_SECRETARIAT_400),
    "action-item-list": ("get", None, ALL),
    "action-item-detail": ("get", API_ACTION, ALL),
    "decision-list": ("get", None, ALL),
    "decision-detail": ("get", API_DECISION, NETWORK_MEMBERS_ONLY),
    "ballot-list": ("get", None, ALL),
    "ballot-detail": ("get", BALLOT, ALL),
    "ballot-nominations": ("post", BALLOT, API_SECRETARIAT_400),
    "ballot-open": ("post", BALLOT, API_SECRETARIAT_400),
    "ballot-close": ("post", BALLOT, API_SECRETARIAT_400),
    "ballot-cancel": ("post", BALLOT, API_SECRETARIAT_400),
    "ballot-vote": ("post", BALLOT, grid(401, default=403, **AFFILIATED_400)),
    "ballot-candidacy": ("post", BALLOT, grid(401, default=403, focal_aourir=400)),
    "governance-popolo": ("get", None, ALL),
    "governance-voters": (
        "get",
        lambda f: {"pk": f["aourir"].pk},
        grid(401, default=403, focal_aourir=200, secretariat=200),
    ),
    "governance-voting-rules": ("get", None, ALL),
    "governance:delegation": (
        "get",
        lambda f: {"pk": f["aourir"].pk},
        grid(302, default=403, focal_aourir=200, secretariat=200),
    ),
    "governance:voting_rules": ("get", None, SECRETARIAT_ONLY),
    "governance:plan": ("get", BODY, ALL),
    "governance:plan_item_add": ("get", BODY, SECRETARIAT_ONLY),
    "governance:plan_item_edit": (
        "get",
        lambda f: {**BODY(f), "pk": f["governance"]["plan_item"].pk},
        SECRETARIAT_ONLY,
    ),
    # No status chosen: the page again with the reason.
    "governance:plan_item_decide": (
        "post",
        lambda f: {**BODY(f), "pk": f["governance"]["plan_item"].pk},
        grid(302, default=403, secretariat=400),
    ),
    "network-plan-item-list": ("get", None, ALL),
    "network-plan-item-detail": ("get", lambda f: {"pk": f["governance"]["plan_item"].pk}, ALL),
    "network-plan-item-decide": (
        "post",
        lambda f: {"pk": f["governance"]["plan_item"].pk},
        API_SECRETARIAT_400,
    ),
    "cooperation:agreements": ("get", None, ALL),
    "cooperation:graph": ("get", None, ALL),
    "cooperation:declare": ("get", None, grid(302, default=403, **AFFILIATED)),
    "cooperation:agreement": ("get", AGREEMENT, AGREEMENT_READERS),
    "cooperation:agreement_edit": ("get", AGREEMENT, DECLARING_PARTY),
    # No party named: back to the agreement with the reason.
    "cooperation:confirm": (
        "post",
        AGREEMENT,
        {**PARTY_FOCAL_OR_SECRETARIAT, "focal_aourir": 302, "secretariat": 302},
    ),
    "cooperation:end": ("get", AGREEMENT, PARTY_FOCAL_OR_SECRETARIAT),
    # No document was uploaded: a 404 for those who may read it.
    "cooperation:document": (
        "get",
        AGREEMENT,
        {
            **grid(302, default=404, committee_member=404),
            **dict.fromkeys(NABLUS + AOURIR + ("secretariat",), 404),
        },
    ),
    "cooperation:projects": ("get", None, ALL),
    "cooperation:project_new": ("get", None, grid(302, default=403, **AFFILIATED)),
    "cooperation:project": ("get", PROJECT, ALL),
    "cooperation:project_edit": ("get", PROJECT, PROJECT_EDITORS),
    "cooperation:workspace": ("get", PROJECT, PROJECT_INSIDERS),
    "cooperation:budget_export": ("get", lambda f: {**PROJECT(f), "fmt": "csv"}, PROJECT_INSIDERS),
    # Empty forms: the workspace again with the reason (400).
    "cooperation:partners": (
        "post",
        PROJECT,
        {**LEAD, **dict.fromkeys(("staff_aourir", "focal_aourir", "secretariat"), 400)},
    ),
    "cooperation:status": (
        "post",
        PROJECT,
        {**LEAD, **dict.fromkeys(("staff_aourir", "focal_aourir", "secretariat"), 400)},
    ),
    "cooperation:money_add": ("get", lambda f: {**PROJECT(f), "what": "funding"}, LEAD),
    "cooperation:record_add": ("get", lambda f: {**PROJECT(f), "what": "expense"}, PROJECT_EDITORS),
    "cooperation:resolve": (
        "post",
        lambda f: {**PROJECT(f), "issue_pk": f["cooperation"]["issue"].pk},
        {**PROJECT_EDITORS, **dict.fromkeys(PARTNERS, 400)},
    ),
    "agreement-list": ("get", None, ALL),
    "agreement-detail": ("get", AGREEMENT, AGREEMENT_API_READERS),
    "agreement-confirm": (
        "post",
        AGREEMENT,
        {
            **AGREEMENT_API_READERS,
            "visitor": 401,
            **dict.fromkeys(NABLUS + ("staff_aourir", "committee_member"), 403),
            "focal_aourir": 400,
            "secretariat": 400,
        },
    ),
    "agreement-end": (
        "post",
        AGREEMENT,
        {
            **AGREEMENT_API_READERS,
            "visitor": 401,
            **dict.fromkeys(NABLUS + ("staff_aourir", "committee_member"), 403),
            "focal_aourir": 400,
            "secretariat": 400,
        },
    ),
    # No document was uploaded: a 404 for those who may read it (and for those who may not
    # see the agreement at all).
    "agreement-document": ("get", AGREEMENT, grid(401, default=404)),
    "project-list": ("get", None, ALL),
    "project-detail": ("get", PROJECT, ALL),
    "project-money": ("get", PROJECT, {**PROJECT_INSIDERS, "visitor": 401}),
    "project-partners": ("post", PROJECT, API_LEAD_400),
    "project-status": ("post", PROJECT, API_LEAD_400),
    "project-budget-lines": ("post", PROJECT, API_LEAD_400),
    "project-funding": ("post", PROJECT, API_LEAD_400),
    "project-expenses": ("post", PROJECT, API_PARTNERS_400),
    "project-indicators": ("post", PROJECT, API_PARTNERS_400),
    "project-measurements": ("post", PROJECT, API_PARTNERS_400),
    "project-milestones": ("post", PROJECT, API_PARTNERS_400),
    "project-issues": ("post", PROJECT, API_PARTNERS_400),
    "project-updates": ("post", PROJECT, API_PARTNERS_400),
    "project-resolve": (
        "post",
        lambda f: {**PROJECT(f), "issue": f["cooperation"]["issue"].pk},
        API_PARTNERS_400,
    ),
    "cooperation:services": ("get", None, ALL),
    "cooperation:service": ("get", SERVICE, ALL),
    "cooperation:service_new": ("get", None, grid(302, default=403, **AFFILIATED)),
    "cooperation:service_edit": ("get", SERVICE, OPERATOR),
    "cooperation:service_join": ("get", SERVICE, OPERATOR),
    # No date given: back to the service with the reason.
    "cooperation:service_leave": (
        "post",
        lambda f: {
            **SERVICE(f),
            "pk": f["cooperation"]["service"].participations.order_by("id").last().pk,
        },
        {**OPERATOR, "staff_aourir": 302, "focal_aourir": 302, "secretariat": 302},
    ),
    "cooperation:service_usage": ("get", SERVICE, OPERATOR),
    "cooperation:service_compute": ("get", SERVICE, OPERATOR),
    "cooperation:contribution_pay": (
        "get",
        lambda f: {**SERVICE(f), "pk": f["cooperation"]["contribution"].pk},
        OPERATOR,
    ),
    "cooperation:tenders": ("get", None, ALL),
    "cooperation:tender_new": ("get", None, grid(302, default=403, **AFFILIATED)),
    "cooperation:tender": ("get", TENDER, ALL),
    "cooperation:tender_declare": ("get", TENDER, TENDER_PARTICIPANTS),
    "cooperation:tender_stage": ("get", TENDER, LEAD),
    "cooperation:tender_award": ("get", TENDER, LEAD),
    "cooperation:tender_ocds": ("get", TENDER, ALL),
    "cooperation:project_iati": ("get", PROJECT, ALL),
    "project-iati": ("get", PROJECT, ALL),
    "shared-service-list": ("get", None, ALL),
    "shared-service-detail": ("get", SERVICE, ALL),
    "shared-service-participants": ("post", SERVICE, API_LEAD_400),
    "shared-service-leave": ("post", SERVICE, API_LEAD_400),
    "shared-service-usage": ("post", SERVICE, API_LEAD_400),
    "shared-service-compute": ("post", SERVICE, API_LEAD_400),
    "shared-service-contributions": (
        "get",
        SERVICE,
        grid(
            401,
            default=403,
            **dict.fromkeys(NABLUS + AOURIR + ("committee_member", "secretariat"), 200),
        ),
    ),
    "shared-service-pay": (
        "post",
        lambda f: {**SERVICE(f), "contribution": f["cooperation"]["contribution"].pk},
        API_LEAD_400,
    ),
    "tender-list": ("get", None, ALL),
    "tender-detail": ("get", TENDER, ALL),
    "tender-quantities": ("post", TENDER, API_PARTICIPANTS_400),
    "tender-stage": ("post", TENDER, API_LEAD_400),
    "tender-award": ("post", TENDER, API_LEAD_400),
    "tender-ocds": ("get", TENDER, ALL),
    "cooperation:project_document_add": ("get", PROJECT, PROJECT_EDITORS),
    "cooperation:tender_document_add": ("get", TENDER, TENDER_PARTICIPANTS),
    # A progress report kept to the project's partners (and the network's committee).
    "cooperation:document_file": (
        "get",
        ATTACHMENT,
        grid(403, default=403, committee_member=200, **PARTNERS),
    ),
    "cooperation-document-list": ("get", None, ALL),
    "cooperation-document-detail": (
        "get",
        ATTACHMENT,
        grid(401, default=403, committee_member=200, **PARTNERS),
    ),
    "cooperation-document-download": (
        "get",
        ATTACHMENT,
        grid(401, default=403, committee_member=200, **PARTNERS),
    ),
    "cooperation:service_indicator": ("get", SERVICE, OPERATOR),
    "cooperation:service_measurement": ("get", SERVICE, OPERATOR),
    "cooperation:indicators_export": (
        "get",
        lambda f: {**PROJECT(f), "fmt": "csv"},
        PROJECT_INSIDERS,
    ),
    "shared-service-indicators": ("post", SERVICE, API_LEAD_400),
    "shared-service-measurements": ("post", SERVICE, API_LEAD_400),
    # The admin is the operator's (superusers): visitors are sent to its sign-in, everyone
    # else signed in is told it is not for them; every admin URL is behind the same gate.
    "admin:*": ("get", None, grid(302, default=403)),
}


def _names(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield (
                f"{namespace}{entry.name}"
                if entry.name
                else f"{namespace}<unnamed {entry.pattern}>"
            )


def _entry_for(name):
    if name.startswith("admin:"):
        return "admin:*"
    return name


def _governed(url_name: str) -> bool:
    return url_name.startswith("governance:") or url_name.split("-")[0] in GOVERNANCE_API


def test_every_url_pattern_has_a_matrix_entry():
    missing = sorted(
        {name for name in _names(get_resolver().url_patterns) if _entry_for(name) not in MATRIX}
    )
    assert missing == [], f"URL patterns without a permissions-matrix entry: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("persona_name", PERSONAS)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_matrix(
    client,
    persona,
    url_name,
    persona_name,
    aourir,
    staff_aourir,
    submitted_application,
    due,
    event,
    registration,
    library_document,
    experience,
    thread,
    plan_item,
    need,
    offer,
    request,
):
    method, kwargs_of, expected = MATRIX[url_name]
    user = persona(persona_name)
    if user is not None:
        client.force_login(user)
    fixtures = {
        "aourir": aourir,
        "removable": Affiliation.objects.get(user=staff_aourir),
        "application": submitted_application,
        "document": submitted_application.documents.get(),
        "due": due,
        "community": event.community,
        "membership": event.community.memberships.get(user=staff_aourir),
        "event": event,
        "registration": registration,
        "document_in_library": library_document,
        "experience": experience,
        "photo": experience.files.get(),
        "thread": thread,
        "post": thread.posts.last(),
        "plan_item": plan_item,
        "need": need,
        "offer": offer,
        # Built only where used: a dozen writes the other rows do not need.
        "governance": request.getfixturevalue("governance") if _governed(url_name) else None,
        "cooperation": (
            request.getfixturevalue("cooperation")
            if url_name.startswith("cooperation:") or url_name.split("-")[0] in COOPERATION_API
            else None
        ),
    }
    from django.urls import reverse

    name = "admin:index" if url_name == "admin:*" else url_name
    url = reverse(name, kwargs=kwargs_of(fixtures) if kwargs_of else None)
    response = getattr(client, method)(url)
    assert response.status_code == expected[persona_name], (
        url_name,
        persona_name,
        response.status_code,
    )
    if response.status_code == 302 and expected is ONLY_OWNER:
        assert "/accounts/login/" in response["Location"]
