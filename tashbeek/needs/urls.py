from django.urls import path

from . import views

app_name = "needs"

urlpatterns = [
    path("", views.need_list, name="list"),
    path("new/", views.need_create, name="create"),
    path("<int:pk>/", views.need_detail, name="detail"),
    path("<int:pk>/edit/", views.need_edit, name="edit"),
    path("<int:pk>/status/", views.need_status, name="status"),
    path("offers/new/", views.offer_create, name="offer_create"),
    path("offers/<int:pk>/", views.offer_detail, name="offer"),
    path("offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<int:pk>/withdraw/", views.offer_withdraw, name="offer_withdraw"),
]
