from django.urls import path

from . import exports, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("calendar/", views.event_calendar, name="calendar"),
    path("feed.ics", views.network_feed, name="network_feed"),
    path("communities/<slug:slug>/feed.ics", views.community_feed, name="community_feed"),
    path("feeds/<str:token>/mine.ics", views.personal_feed, name="personal_feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/registrations/<int:registration_pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path(
        "<int:pk>/participants.<str:fmt>",
        exports.participants_export,
        name="participants_export",
    ),
    path("<int:pk>/attendance.<str:fmt>", exports.attendance_export, name="attendance_export"),
]
