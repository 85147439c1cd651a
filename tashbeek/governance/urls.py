from django.urls import path

from .views import ballots, bodies, meetings, papers, plans, register, voters

app_name = "governance"

urlpatterns = [
    path("", bodies.index, name="index"),
    path("bodies/<slug:slug>/", bodies.body, name="body"),
    path("bodies/<slug:slug>/convene/", bodies.convene, name="convene"),
    path("bodies/<slug:slug>/seats/new/", bodies.seat_add, name="seat_add"),
    path("bodies/<slug:slug>/plan/", plans.plan, name="plan"),
    path("bodies/<slug:slug>/plan/new/", plans.plan_item, name="plan_item_add"),
    path("bodies/<slug:slug>/plan/<int:pk>/edit/", plans.plan_item, name="plan_item_edit"),
    path(
        "bodies/<slug:slug>/plan/<int:pk>/decide/", plans.plan_item_decide, name="plan_item_decide"
    ),
    path("meetings/<int:pk>/", meetings.meeting, name="meeting"),
    path("meetings/<int:pk>/items/new/", meetings.item_add, name="item_add"),
    path("meetings/<int:pk>/items/<int:item_pk>/decide/", meetings.item_decide, name="decide"),
    path("meetings/<int:pk>/items/<int:item_pk>/papers/new/", papers.paper_add, name="paper_add"),
    path("papers/<int:pk>/", papers.paper, name="paper"),
    path("papers/<int:pk>/remove/", papers.paper_remove, name="paper_remove"),
    path("meetings/<int:pk>/attendance/", meetings.attendance, name="attendance"),
    path("meetings/<int:pk>/minutes/", meetings.minutes, name="minutes"),
    path("meetings/<int:pk>/minutes/<slug:step>/", meetings.minutes_step, name="minutes_step"),
    path("meetings/<int:pk>/actions/new/", meetings.action_add, name="action_add"),
    path(
        "meetings/<int:pk>/actions/<int:action_pk>/status/",
        meetings.action_status,
        name="action_status",
    ),
    path("actions/", ballots.actions, name="actions"),
    path("decisions/", register.register, name="register"),
    path("decisions/export.<str:fmt>", register.register_export, name="register_export"),
    path("decisions/<int:year>/<int:number>/", register.decision, name="decision"),
    path("voters/<int:pk>/", voters.delegation, name="delegation"),
    path("voting-rules/", voters.voting_rules, name="voting_rules"),
    path("ballots/new/", ballots.ballot_new, name="ballot_new"),
    path("ballots/<int:pk>/", ballots.ballot, name="ballot"),
    path("ballots/<int:pk>/vote/", ballots.vote, name="vote"),
    path("ballots/<int:pk>/candidacy/", ballots.candidacy, name="candidacy"),
    path("ballots/<int:pk>/<slug:step>/", ballots.ballot_step, name="ballot_step"),
]
