"""Types for views of signed-in people."""

from django.http import HttpRequest

from .models import User


class SignedInRequest(HttpRequest):
    """The request of a view behind `login_required`: its user is a `User`, never anonymous,
    so the view passes `request.user` to a service typed `by: User` (django-stubs types a
    plain request's user as `User | AnonymousUser`)."""

    user: User
