from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/versions/", views.version_add, name="version_add"),
    path("<int:pk>/versions/<int:number>/", views.version_download, name="download"),
    path("<int:pk>/transition/", views.transition, name="transition"),
]
