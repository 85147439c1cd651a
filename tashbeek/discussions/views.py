"""Discussion pages of a community: the threads, a thread with its replies, moderation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from tashbeek.accounts.web import SignedInRequest
from tashbeek.communities.selectors import community_detail
from tashbeek.core.web import (
    FORM,
    POST,
    add_service_errors,
    done,
    form_page,
    object_from,
    or_404,
    view,
)

from . import selectors, services
from .forms import ReasonForm, ReplyForm, ThreadForm
from .models import Post


def _community(request, slug: str):
    return or_404(community_detail(slug))


def _thread(request, slug: str, pk: int):
    return or_404(selectors.thread_detail(_community(request, slug), pk))


def _post(request, slug: str, pk: int, post_pk: int) -> Post:
    thread = _thread(request, slug, pk)
    return get_object_or_404(thread.posts.select_related("thread__community"), pk=post_pk)


# What the pages declare their permission against (discussions/rules.py).
community_from = object_from("discussions.community", _community, ("slug",))
thread_from = object_from("discussions.thread", _thread, ("slug", "pk"))
post_from = object_from("discussions.post", _post, ("slug", "pk", "post_pk"))


@view("discussions.view_discussions", fn=community_from)
def thread_list(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_from(request, slug=slug)
    page = Paginator(selectors.threads_of(community), 30).get_page(request.GET.get("page"))
    moderate = request.user.has_perm("discussions.moderate", community)
    context = {
        "community": community,
        "page": page,
        "reports": selectors.open_reports(community) if moderate else [],
    }
    return render(request, "discussions/list.html", context)


@view("discussions.post", fn=community_from, methods=FORM)
def thread_start(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_from(request, slug=slug)
    form = ThreadForm(request.POST or None)

    def save():
        thread = services.thread_start(
            by=request.user,
            community=community,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
        )
        return redirect(thread)

    return form_page(request, form, save, "discussions/new.html", {"community": community})


def _with_action_urls(thread, posts):
    """Each post's hide/show/report links, reversed once per page instead of once per post
    (a long thread otherwise spends most of its time in `{% url %}`)."""
    kwargs = {"slug": thread.community.slug, "pk": thread.pk, "post_pk": 0}
    bases = {name: reverse(f"discussions:{name}", kwargs=kwargs) for name in ACTIONS}
    for post, _depth in posts:
        for name, base in bases.items():
            setattr(post, f"{name}_url", base.replace("/posts/0/", f"/posts/{post.pk}/"))
    return posts


ACTIONS = ("hide", "unhide", "report")


def _thread_page(request, thread, *, status=200, reply_form=None) -> HttpResponse:
    community = thread.community
    context = {
        "community": community,
        "thread": thread,
        "posts": _with_action_urls(thread, selectors.posts_as_tree(thread)),
        "can_post": request.user.has_perm("discussions.post", community),
        "can_moderate": request.user.has_perm("discussions.moderate", community),
        "reply_form": reply_form or ReplyForm(),
        "reply_url": reverse("discussions:reply", kwargs={"slug": community.slug, "pk": thread.pk}),
    }
    return render(request, "discussions/thread.html", context, status=status)


@view("discussions.take_part", fn=thread_from)
def thread_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _thread_page(request, thread_from(request, slug=slug, pk=pk))


@view("discussions.take_part", fn=thread_from, methods=POST)
def reply(request: SignedInRequest, slug: str, pk: int) -> HttpResponse:
    thread = thread_from(request, slug=slug, pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        parent = None
        if form.cleaned_data["parent"]:
            parent = thread.posts.filter(pk=form.cleaned_data["parent"]).first()
            if parent is None:
                form.add_error(None, _("That message is not in this discussion."))
        if not form.errors:
            try:
                post = services.post_reply(
                    by=request.user, thread=thread, body=form.cleaned_data["body"], parent=parent
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(f"{thread.get_absolute_url()}#post-{post.pk}")
    return _thread_page(request, thread, status=400, reply_form=form)


@view("discussions.hide_post", fn=post_from, methods=POST)
def hide(request: SignedInRequest, slug: str, pk: int, post_pk: int) -> HttpResponse:
    post = post_from(request, slug=slug, pk=pk, post_pk=post_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason."))
        return _thread_page(request, post.thread, status=400)
    services.post_hide(by=request.user, post=post, reason=form.cleaned_data["reason"])
    return done(request, _("The post is hidden."), post.thread)


@view("discussions.hide_post", fn=post_from, methods=POST)
def unhide(request: SignedInRequest, slug: str, pk: int, post_pk: int) -> HttpResponse:
    post = post_from(request, slug=slug, pk=pk, post_pk=post_pk)
    services.post_unhide(by=request.user, post=post)
    return done(request, _("The post is shown again."), post.thread)


@view("discussions.take_part", fn=post_from, methods=POST)
def report(request: SignedInRequest, slug: str, pk: int, post_pk: int) -> HttpResponse:
    post = post_from(request, slug=slug, pk=pk, post_pk=post_pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what is wrong with this post."))
        return _thread_page(request, post.thread, status=400)
    try:
        services.post_report(by=request.user, post=post, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you. The coordinators will look at it."))
    return redirect(post.thread)
