"""The "join the network" wizard, the applicant's file and the steering committee's queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tashbeek.core.files import private_file_response
from tashbeek.core.web import (
    FORM,
    POST,
    add_service_errors,
    done,
    forget_objects,
    object_from,
    or_404,
    view,
)

from .. import selectors, services
from ..forms import (
    ApplicationFocalForm,
    ApplicationMotivationForm,
    ApplicationOrganisationForm,
    DecisionForm,
    DocumentForm,
    MessageForm,
    QueueFilterForm,
    SubmitForm,
)
from ..models import Application, ApplicationMessage, MembershipDecision

# The wizard: (slug, title, form). Every step saves the draft; only "review" submits.
STEPS = [
    ("organisation", gettext_lazy("The authority"), ApplicationOrganisationForm),
    ("focal", gettext_lazy("Focal person"), ApplicationFocalForm),
    ("motivation", gettext_lazy("Motivation and themes"), ApplicationMotivationForm),
    ("documents", gettext_lazy("Council resolution"), DocumentForm),
    ("review", gettext_lazy("Review and submit"), SubmitForm),
]
STEP_SLUGS = [slug for slug, _t, _f in STEPS]


def _load_application(request, pk) -> Application:
    return or_404(selectors.application_detail(user=request.user, pk=pk))


# The application of the URL if this person may see it; 404 otherwise (no hint that it
# exists), read once per request.
application_from = object_from("members.application", _load_application)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """What joining involves; a signed-in person starts (or resumes) their draft."""
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={reverse('members:join')}")
        application = services.application_start(applicant=request.user)
        return redirect("members:application_step", pk=application.pk, step=STEP_SLUGS[0])
    applications = selectors.applications_of(request.user) if request.user.is_authenticated else []
    return render(
        request, "members/apply/join.html", {"applications": applications, "steps": STEPS}
    )


def _step_form(step: str, request, application: Application):
    form_class = {slug: form for slug, _t, form in STEPS}[step]
    data = request.POST if request.method == "POST" else None
    if step == "documents":
        return form_class(data, request.FILES if data is not None else None)
    if step == "review":
        return form_class(data)
    return form_class(data, instance=application)


def _save_step(request, application, step, form) -> HttpResponse | None:
    try:
        if step == "documents":
            services.application_document_add(
                application=application, by=request.user, upload=form.cleaned_data["file"]
            )
        elif step == "review":
            services.application_submit(
                application=application,
                by=request.user,
                declaration=form.cleaned_data["declaration"],
            )
            messages.success(
                request,
                _("Application %(reference)s is submitted. A receipt is on its way by e-mail.")
                % {"reference": Application.objects.get(pk=application.pk).reference},
            )
            return redirect(application.get_absolute_url())
        else:
            services.application_save(
                application=application, by=request.user, data=form.service_data()
            )
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if "save_draft" in request.POST:
        return done(
            request,
            _("The draft is saved. You can come back to it at any time."),
            "members:application_step",
            pk=application.pk,
            step=step,
        )
    following = STEP_SLUGS[min(STEP_SLUGS.index(step) + 1, len(STEP_SLUGS) - 1)]
    return redirect("members:application_step", pk=application.pk, step=following)


@view("members.change_application", fn=application_from, methods=FORM)
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    application = application_from(request, pk=pk)
    if step not in STEP_SLUGS:
        raise Http404
    form = _step_form(step, request, application)
    if request.method == "POST" and form.is_valid():
        response = _save_step(request, application, step, form)
        if response:
            return response
    application = selectors.application_detail(user=request.user, pk=pk)
    context = {
        "application": application,
        "form": form,
        "step": step,
        "steps": STEPS,
        "step_title": {s: t for s, t, _f in STEPS}[step],
        "missing": services.missing_for_submission(application) if step == "review" else [],
    }
    status = 400 if form.errors else 200
    return render(request, "members/apply/step.html", context, status=status)


@view()
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_from(request, pk=pk)
    return render(request, "members/apply/detail.html", _detail_context(request, application))


def _detail_context(request, application: Application, **forms) -> dict:
    user = request.user
    reviewer = user.has_perm("members.review_application")
    context = {
        "application": application,
        "reviewer": reviewer,
        "can_decide": user.has_perm("members.decide_application")
        and application.status == Application.Status.SUBMITTED,
        "can_edit": user.has_perm("members.change_application", application),
        "is_applicant": application.applicant_id == user.pk,
        "message_form": MessageForm(initial={"version": application.version}),
        "decision_form": DecisionForm(initial={"version": application.version}),
        "duplicates": services.likely_duplicates(application) if reviewer else None,
    }
    context.update(forms)
    return context


@view()
def application_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """Stream a private document to the applicant, the staff of the accepted organisation,
    the committee and the secretariat; anyone else gets 404."""
    application = application_from(request, pk=pk)
    document = or_404(
        next((d for d in application.documents.all() if d.pk == int(document_pk)), None)
    )
    extension = document.file.name.rsplit(".", 1)[-1]
    filename = f"{application.reference or 'draft'}-{document.kind}.{extension}"
    return private_file_response(
        document.file, content_type=document.content_type, filename=filename
    )


@view(methods=POST)
def application_message(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A question from the committee, the applicant's answer, or an internal comment."""
    application = application_from(request, pk=pk)
    user = request.user
    allowed = {
        ApplicationMessage.Kind.QUESTION: user.has_perm("members.decide_application"),
        ApplicationMessage.Kind.ANSWER: user.has_perm("members.answer_application", application),
        ApplicationMessage.Kind.COMMENT: user.has_perm("members.review_application"),
    }
    if kind not in allowed:
        raise Http404
    if not allowed[kind]:
        raise PermissionDenied
    form = MessageForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, application, message_form=form)
        return render(request, "members/apply/detail.html", context, status=400)
    body, version = form.cleaned_data["body"], form.cleaned_data.get("version")
    try:
        if kind == ApplicationMessage.Kind.QUESTION:
            services.application_request_information(
                application=application, by=user, question=body, version=version
            )
            messages.success(request, _("The question is sent to the applicant."))
        elif kind == ApplicationMessage.Kind.ANSWER:
            services.application_answer(application=application, by=user, answer=body)
            messages.success(
                request,
                _("Your answer is recorded. Edit the application if needed, then resubmit."),
            )
        else:
            services.application_comment(application=application, by=user, body=body)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _detail_with_status(request, application, 409)
    return redirect(application)


def _detail_with_status(request, application, status: int) -> HttpResponse:
    context = _detail_context(request, application)
    return render(request, "members/apply/detail.html", context, status=status)


@view("members.decide_application", methods=POST)
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept or reject; a decision on a state that has changed since the page was shown is
    refused with 409 and the page shows the current state."""
    application = application_from(request, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, application, decision_form=form)
        return render(request, "members/apply/detail.html", context, status=400)
    data = form.cleaned_data
    decide = (
        services.application_accept
        if data["decision"] == MembershipDecision.Kind.ACCEPTED
        else services.application_reject
    )
    try:
        decide(
            application=application,
            by=request.user,
            reasons=data["reasons"],
            effective_on=data["effective_on"],
            version=data["version"],
            **form.taken_at(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        forget_objects(request)  # show the state as it is now, not as it was
        return _detail_with_status(request, application_from(request, pk=pk), 409)
    return done(request, _("The decision is recorded and the applicant is informed."), application)


@view(methods=POST)
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_from(request, pk=pk)
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _detail_with_status(request, application, 409)
    return done(request, _("The application is withdrawn."), "members:join")


@view("members.review_application")
def queue(request: HttpRequest) -> HttpResponse:
    """The committee's queue: open applications first, oldest first, with filters."""
    form = QueueFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.QueueFilters()
    applications = selectors.application_queue(user=request.user, filters=filters)
    page = Paginator(applications, 30).get_page(request.GET.get("page"))
    return render(request, "members/apply/queue.html", {"form": form, "page": page})
