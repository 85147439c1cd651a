from django.urls import path

from .views import applications, directory, dues, exports, membership, organisations

app_name = "members"

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("map.json", directory.map_data, name="map_data"),
    path("export.<str:fmt>", exports.directory_export, name="directory_export"),
    path("new/", organisations.create, name="create"),
    path("<int:pk>/", organisations.detail, name="detail"),
    path("<int:pk>/edit/", organisations.edit, name="edit"),
    path("<int:pk>/staff/", organisations.staff, name="staff"),
    path(
        "<int:pk>/staff/<int:affiliation_pk>/remove/",
        organisations.staff_remove,
        name="staff_remove",
    ),
    path("invitations/<str:token>/", organisations.invitation, name="invitation"),
    # Joining the network and the committee's decisions
    path("join/", applications.join, name="join"),
    path("applications/", applications.queue, name="queue"),
    path("applications/<int:pk>/", applications.application_detail, name="application"),
    path(
        "applications/<int:pk>/step/<slug:step>/",
        applications.application_step,
        name="application_step",
    ),
    path(
        "applications/<int:pk>/documents/<int:document_pk>/",
        applications.application_document,
        name="application_document",
    ),
    path(
        "applications/<int:pk>/messages/<slug:kind>/",
        applications.application_message,
        name="application_message",
    ),
    path("applications/<int:pk>/decide/", applications.application_decide, name="decide"),
    path(
        "applications/<int:pk>/withdraw/",
        applications.application_withdraw,
        name="application_withdraw",
    ),
    path("<int:pk>/membership/", membership.membership, name="membership"),
    path("<int:pk>/membership/decide/", membership.membership_decide, name="membership_decide"),
    # Dues
    path("dues/", dues.dues, name="dues"),
    path("dues/schedules/new/", dues.schedule_edit, name="schedule_new"),
    path("dues/schedules/<int:year>/", dues.schedule_edit, name="schedule_edit"),
    path("dues/schedules/<int:year>/generate/", dues.dues_generate, name="dues_generate"),
    path("dues/export.<str:fmt>", dues.dues_export, name="dues_export"),
    path("dues/<int:pk>/payment/", dues.payment, name="payment"),
    path("dues/<int:pk>/waive/", dues.waive, name="waive"),
    path("<int:pk>/dues/", dues.statement, name="statement"),
]
