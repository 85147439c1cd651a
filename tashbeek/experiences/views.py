"""Experience pages: the list, an experience, writing it, files, review, "ask the authors"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.files import private_file_response
from tashbeek.core.seo import open_graph
from tashbeek.core.web import FORM, POST, done, form_page, object_from, or_404, save_form, view
from tashbeek.search.matching import match

from . import selectors, services
from .forms import AskForm, ExperienceFilterForm, ExperienceForm, FileForm, ReviewForm
from .seo import experience_ld


def _experience(request, pk):
    return or_404(selectors.experience_detail(user=request.user, pk=pk))


experience_from = object_from("experiences.experience", _experience)


@require_http_methods(["GET", "HEAD"])
def experience_list(request: HttpRequest) -> HttpResponse:
    filters = ExperienceFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    mine = request.user.is_authenticated and request.GET.get("mine") == "1"
    experiences = selectors.experiences_page(
        user=request.user,
        theme=values.get("theme"),
        community=values.get("community"),
        transfer=values.get("transfer", ""),
        mine=mine,
    )
    page = Paginator(experiences, 20).get_page(request.GET.get("page"))
    context = {"page": page, "filters": filters, "mine": mine}
    return render(request, "experiences/list.html", context)


@view()
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "experiences/queue.html", {"experiences": selectors.review_queue(request.user)}
    )


def _detail(request, experience, *, status=200, **forms) -> HttpResponse:
    user = request.user
    can_change = user.has_perm("experiences.change_experience", experience)
    context = {
        "experience": experience,
        "files": experience.files.all(),
        "can_change": can_change,
        "can_submit": user.has_perm("experiences.submit_experience", experience),
        "can_review": user.has_perm("experiences.review_experience", experience),
        "can_ask": user.has_perm("experiences.ask_authors", experience),
        "can_unpublish": user.has_perm("experiences.unpublish_experience", experience),
        "file_form": forms.get("file_form") or (FileForm() if can_change else None),
        "review_form": forms.get("review_form") or ReviewForm(),
        "ask_form": forms.get("ask_form") or AskForm(),
        "similar": _similar(request, experience),
        **_previews(request, experience),
    }
    return render(request, "experiences/detail.html", context, status=status)


def _previews(request, experience) -> dict:
    """Link previews and schema.org data, for published experiences only."""
    if experience.status != experience.Status.PUBLISHED:
        return {}
    url = request.build_absolute_uri(experience.get_absolute_url())
    return {
        "og": open_graph(
            title=experience.title, description=experience.summary, url=url, kind="article"
        ),
        "json_ld": experience_ld(experience, url=url),
    }


def _similar(request, experience) -> list:
    """Other published experiences close to this one, in any language."""
    if experience.status != experience.Status.PUBLISHED:
        return []
    found = match(
        user=request.user,
        text=f"{experience.title}. {experience.summary}",
        limit=5,
        exclude=("experience", experience.pk),
    )
    return [item for item in found if item.is_explained]


@require_http_methods(["GET", "HEAD"])
def experience_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _experience(request, pk))


@view("experiences.add_experience", methods=FORM)
def experience_create(request: HttpRequest) -> HttpResponse:
    form = ExperienceForm(request.POST or None, user=request.user)

    def save():
        experience = services.experience_save(by=request.user, data=form.service_data())
        return done(
            request, _("The draft is saved. Add photos, then send it for review."), experience
        )

    return form_page(request, form, save, "experiences/edit.html", {})


@view("experiences.change_experience", fn=experience_from, methods=FORM)
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    experience = experience_from(request, pk=pk)
    form = ExperienceForm(request.POST or None, instance=experience, user=request.user)

    def save():
        services.experience_save(by=request.user, experience=experience, data=form.service_data())
        return done(request, _("Saved."), experience)

    return form_page(request, form, save, "experiences/edit.html", {"experience": experience})


def _stale(request, pk: int, error: ValidationError) -> HttpResponse:
    """Someone else took a step meanwhile: say so and show the page as it is now (409)."""
    messages.error(request, " ".join(error.messages))
    return _detail(request, _experience(request, pk), status=409)


def _act(request, pk: int, act, message: str) -> HttpResponse:
    """Run a workflow step from the experience's page; a refused step says why (400)."""
    experience = experience_from(request, pk=pk)
    try:
        act(experience)
    except services.StaleExperience as error:
        return _stale(request, pk, error)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _detail(request, experience, status=400)
    return done(request, message, experience)


@view("experiences.author_experience", fn=experience_from, methods=POST)
def submit(request: SignedInRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda experience: services.experience_submit(by=request.user, experience=experience),
        _("Sent for review. You will be told when it is published."),
    )


@view("experiences.judge_experience", fn=experience_from, methods=POST)
def review(request: SignedInRequest, pk: int) -> HttpResponse:
    """A refused review lands on its form (e.g. a return without comments)."""
    experience = experience_from(request, pk=pk)
    form = ReviewForm(request.POST)

    def save():
        try:
            services.experience_review(by=request.user, experience=experience, **form.cleaned_data)
        except services.StaleExperience as error:
            return _stale(request, pk, error)
        return done(request, _("Your review is recorded."), experience)

    return save_form(request, form, save) or _detail(
        request, experience, status=400, review_form=form
    )


@view("experiences.unpublish_experience", fn=experience_from, methods=POST)
def unpublish(request: SignedInRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _act(
        request,
        pk,
        lambda experience: services.experience_unpublish(
            by=request.user, experience=experience, reason=reason
        ),
        _("The experience is back to draft."),
    )


@view("experiences.change_experience", fn=experience_from, methods=POST)
def file_add(request: SignedInRequest, pk: int) -> HttpResponse:
    experience = experience_from(request, pk=pk)
    form = FileForm(request.POST, request.FILES)

    def save():
        data = form.cleaned_data
        services.file_add(
            by=request.user, experience=experience, upload=data["file"], caption=data["caption"]
        )
        return done(request, _("The file is added."), experience)

    return save_form(request, form, save, field="file") or _detail(
        request, experience, status=400, file_form=form
    )


@require_http_methods(["GET", "HEAD"])
def file_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponseBase:
    experience = _experience(request, pk)
    attached = get_object_or_404(experience.files, pk=file_pk)
    return private_file_response(
        attached.file, content_type=attached.content_type, filename=attached.filename
    )


@view("experiences.change_experience", fn=experience_from, methods=POST)
def file_remove(request: SignedInRequest, pk: int, file_pk: int) -> HttpResponse:
    experience = experience_from(request, pk=pk)
    attached = get_object_or_404(experience.files, pk=file_pk)
    services.file_remove(by=request.user, attached=attached)
    return done(request, _("The file is removed."), experience)


@view("experiences.ask_authors", fn=experience_from, methods=FORM)
def ask(request: HttpRequest, pk: int) -> HttpResponse:
    experience = experience_from(request, pk=pk)
    form = AskForm(request.POST or None)

    def save():
        services.ask_authors(
            by=request.user, experience=experience, message=form.cleaned_data["message"]
        )
        messages.success(
            request, _("Your question is sent. The authors will answer you by e-mail.")
        )
        return redirect(experience)

    return form_page(request, form, save, "experiences/ask.html", {"experience": experience})
