"""Web helpers every app's pages share: a service's ValidationError lands on the form."""

from collections.abc import Callable, Sequence
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

T = TypeVar("T")

# The methods a view answers: a page, a form page, an action.
GET = ("GET", "HEAD")
FORM = ("GET", "POST")
POST = ("POST",)


def view(
    perm: str | None = None,
    *,
    fn: Callable | None = None,
    methods: Sequence[str] = GET,
    sign_in: bool = True,
) -> Callable[[Callable], Callable]:
    """The one declaration of who may use a view that is not for everyone, and how: signed
    in (anyone else is sent to sign in; `sign_in=False` for pages the public may see when
    the permission allows), the rules permission `perm` (on the object `fn` returns: see
    `object_from`; refused with 403), and the HTTP methods it answers (405 otherwise)."""

    def declare(function: Callable) -> Callable:
        declared = require_http_methods(list(methods))(function)
        if perm:
            declared = permission_required(perm, fn=fn, raise_exception=True)(declared)
        return login_required(declared) if sign_in else declared

    return declare


def or_404(found: T | None) -> T:
    """What a selector found for the reader, or 404 when it found nothing (selectors answer
    None for what the reader may not see, so that it does not exist for them)."""
    if found is None:
        raise Http404
    return found


def save_form(request, form, save, *, field: str | None = None) -> HttpResponse | None:
    """Run `save` on a valid POST; a ValidationError from the service lands on the form
    (on the field it names, else on `field`, else on the whole form) instead of becoming a
    server error. None when there is nothing to save or the form now has errors."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        add_service_errors(form, error, field=field)
    return None


def done(request, message: str, to, **kwargs) -> HttpResponse:
    """The end of every change a page makes: say it is done, then go to `to` (an object,
    a path, or a URL name with its `kwargs`), so reloading the page does not post again."""
    messages.success(request, message)
    return redirect(to, **kwargs)


def add_service_errors(form, error: ValidationError, *, field: str | None = None) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error.messages)


def form_page(request, form, save, template: str, context: dict) -> HttpResponse:
    """Save on a valid POST (redirect), else show the form: 400 when it has errors."""
    response = save_form(request, form, save)
    if response:
        return response
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


def once_per_request(request, key: str, load):
    """`load()` once per request under `key`: an object getter a view declares its permission
    against (rules' `permission_required(perm, fn=getter)` calls it before the view) and the
    view then asks for again, so the object is read from the database once."""
    kept = request.__dict__.setdefault("_tashbeek_objects", {})
    if key not in kept:
        kept[key] = load()
    return kept[key]


def forget_objects(request) -> None:
    """Drop what `once_per_request` kept, so the next getter reads the object as it is now
    (after a refused change, the page shows the current state, not the one read before)."""
    request.__dict__.pop("_tashbeek_objects", None)


def object_from(name: str, load, params: tuple[str, ...] = ("pk",)):
    """A getter `(request, **url_kwargs)` for `permission_required(perm, fn=...)` that calls
    `load(request, **{the URL's params})` once per request; the view calls it again, with
    the same keywords, for the object. `load` finds the object (or raises Http404) and
    decides nothing else: the permission is the declaration's."""

    def getter(request, *_args, **url_kwargs):
        values = {param: url_kwargs[param] for param in params}
        key = ":".join([name, *map(str, values.values())])
        return once_per_request(request, key, lambda: load(request, **values))

    return getter
