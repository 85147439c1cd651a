from django.urls import path

from . import views

app_name = "communities"

urlpatterns = [
    path("", views.community_list, name="list"),
    path("new/", views.create, name="create"),
    path("<slug:slug>/", views.community_detail, name="detail"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/members/<int:membership_pk>/leave/", views.leave, name="leave"),
    path("<slug:slug>/members/<int:membership_pk>/approve/", views.approve, name="approve"),
]
