from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("map.json", views.map_data, name="map_data"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/staff/", views.staff, name="staff"),
    path("<int:pk>/staff/<int:affiliation_pk>/remove/", views.staff_remove, name="staff_remove"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
