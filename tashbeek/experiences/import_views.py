"""The secretariat imports experiences from the web: upload a CSV or JSONL file, see every
row (what will be created or updated, and each bad row's problem), then import — all or
nothing, as `manage.py import_experiences` does. Between the preview and the import the
file waits in private storage under a random name that only the uploader's session knows."""

import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tashbeek.core.files import private_storage
from tashbeek.core.web import FORM, POST, view

from .forms import ImportForm
from .importing import ImportRejected, check, experiences_import, read_rows
from .models import Experience

SESSION_KEY = "experiences_import"


def _preview(cleaned: list[dict]) -> list[dict]:
    known = set(
        Experience.objects.filter(
            external_id__in=[row["external_id"] for row in cleaned]
        ).values_list("external_id", flat=True)
    )
    return [{**row, "updates": row["external_id"] in known} for row in cleaned]


@view("experiences.import_experiences", methods=FORM)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "GET" or not form.is_valid():
        return render(
            request, "experiences/import.html", {"form": form}, status=400 if form.errors else 200
        )
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        cleaned = check(read_rows(data, upload.name))
    except ImportRejected as rejected:
        context = {"form": form, "errors": rejected.errors, "filename": upload.name}
        return render(request, "experiences/import.html", context, status=400)
    stored = private_storage.save(f"imports/{uuid.uuid4().hex}", ContentFile(data))
    _forget(request)
    request.session[SESSION_KEY] = {"file": stored, "name": upload.name}
    rows = _preview(cleaned)
    context = {
        "rows": rows,
        "filename": upload.name,
        "created": sum(not r["updates"] for r in rows),
        "updated": sum(r["updates"] for r in rows),
        "publish": form.cleaned_data["publish"],
    }
    return render(request, "experiences/import_preview.html", context)


def _forget(request: HttpRequest) -> None:
    waiting = request.session.pop(SESSION_KEY, None)
    if waiting and private_storage.exists(waiting["file"]):
        private_storage.delete(waiting["file"])


@view("experiences.import_experiences", methods=POST)
def import_confirm(request: HttpRequest) -> HttpResponse:
    waiting = request.session.get(SESSION_KEY)
    if not waiting or not private_storage.exists(waiting["file"]):
        messages.error(request, _("Upload the file again: the preview has expired."))
        return redirect("experiences:import")
    with private_storage.open(waiting["file"], "rb") as stored:
        data = stored.read()
    try:
        report = experiences_import(
            rows=read_rows(data, waiting["name"]),
            by=request.user,
            publish=request.POST.get("publish") == "1",
            source=f"web import {waiting['name']}",
        )
    except ImportRejected:  # the data changed since the preview (e.g. a duplicate id)
        messages.error(request, _("The file no longer passes the checks; nothing was imported."))
        _forget(request)
        return redirect("experiences:import")
    _forget(request)
    messages.success(
        request,
        _("%(created)s experiences created, %(updated)s updated.")
        % {"created": report.created, "updated": report.updated},
    )
    return redirect("experiences:list")
