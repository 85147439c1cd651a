"""Web helpers every app's pages share: a service's ValidationError lands on the form."""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render


def save_form(request, form, save) -> HttpResponse | None:
    """Run `save` on a valid POST; a ValidationError from the service lands on the form
    (on its field when it names one) instead of becoming a server error."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save()
    except ValidationError as error:
        add_service_errors(form, error)
    return None


def add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def form_page(request, form, save, template: str, context: dict) -> HttpResponse:
    """Save on a valid POST (redirect), else show the form: 400 when it has errors."""
    response = save_form(request, form, save)
    if response:
        return response
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)
