from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("", views.thread_list, name="list"),
    path("new/", views.thread_start, name="start"),
    path("<int:pk>/", views.thread_detail, name="thread"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/posts/<int:post_pk>/hide/", views.hide, name="hide"),
    path("<int:pk>/posts/<int:post_pk>/show/", views.unhide, name="unhide"),
    path("<int:pk>/posts/<int:post_pk>/report/", views.report, name="report"),
]
