from django.urls import path

from .views import agreements, projects, shared, tenders

app_name = "cooperation"

urlpatterns = [
    path("", agreements.agreements, name="agreements"),
    path("graph/", agreements.graph, name="graph"),
    path("agreements/new/", agreements.declare, name="declare"),
    path("agreements/<int:pk>/", agreements.agreement, name="agreement"),
    path("agreements/<int:pk>/edit/", agreements.edit, name="agreement_edit"),
    path("agreements/<int:pk>/confirm/", agreements.confirm, name="confirm"),
    path("agreements/<int:pk>/end/", agreements.end, name="end"),
    path("agreements/<int:pk>/document/", agreements.document, name="document"),
    path("projects/", projects.projects, name="projects"),
    path("projects/new/", projects.project_new, name="project_new"),
    path("projects/<int:pk>/", projects.project, name="project"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/workspace/", projects.workspace, name="workspace"),
    path("projects/<int:pk>/iati.xml", projects.project_iati, name="project_iati"),
    path("projects/<int:pk>/budget.<str:fmt>", projects.budget_export, name="budget_export"),
    path("projects/<int:pk>/partners/", projects.partners, name="partners"),
    path("projects/<int:pk>/status/", projects.status, name="status"),
    path("projects/<int:pk>/money/<slug:what>/", projects.money_add, name="money_add"),
    path("projects/<int:pk>/add/<slug:what>/", projects.record_add, name="record_add"),
    path("projects/<int:pk>/issues/<int:issue_pk>/resolve/", projects.resolve, name="resolve"),
    path("services/", shared.catalogue, name="services"),
    path("services/new/", shared.service_new, name="service_new"),
    path("services/<slug:slug>/", shared.service, name="service"),
    path("services/<slug:slug>/edit/", shared.service_edit, name="service_edit"),
    path("services/<slug:slug>/join/", shared.join, name="service_join"),
    path("services/<slug:slug>/leave/<int:pk>/", shared.leave, name="service_leave"),
    path("services/<slug:slug>/usage/", shared.usage, name="service_usage"),
    path("services/<slug:slug>/contributions/", shared.compute, name="service_compute"),
    path("services/<slug:slug>/contributions/<int:pk>/pay/", shared.pay, name="contribution_pay"),
    path("tenders/", tenders.tenders, name="tenders"),
    path("tenders/new/", tenders.tender_new, name="tender_new"),
    path("tenders/<int:pk>/", tenders.tender, name="tender"),
    path("tenders/<int:pk>/quantities/", tenders.declare, name="tender_declare"),
    path("tenders/<int:pk>/stage/", tenders.stage, name="tender_stage"),
    path("tenders/<int:pk>/award/", tenders.award, name="tender_award"),
    path("tenders/<int:pk>/ocds.json", tenders.tender_ocds, name="tender_ocds"),
]
