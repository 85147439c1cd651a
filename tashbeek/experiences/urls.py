from django.urls import path

from . import import_views, views

app_name = "experiences"

urlpatterns = [
    path("", views.experience_list, name="list"),
    path("new/", views.experience_create, name="create"),
    path("review/", views.review_queue, name="queue"),
    path("import/", import_views.import_upload, name="import"),
    path("import/confirm/", import_views.import_confirm, name="import_confirm"),
    path("<int:pk>/", views.experience_detail, name="detail"),
    path("<int:pk>/edit/", views.experience_edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("<int:pk>/files/", views.file_add, name="file_add"),
    path("<int:pk>/files/<int:file_pk>/", views.file_download, name="file"),
    path("<int:pk>/files/<int:file_pk>/remove/", views.file_remove, name="file_remove"),
    path("<int:pk>/ask/", views.ask, name="ask"),
]
