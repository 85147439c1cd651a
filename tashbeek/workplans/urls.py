from django.urls import path

from . import views

app_name = "workplans"

urlpatterns = [
    path("", views.plan, name="plan"),
    path("new/", views.item_edit, name="create"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/delete/", views.item_delete, name="delete"),
]
