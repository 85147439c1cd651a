"""Types for the people a view or a read serves."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .models import User

# Whoever reads a page or a list: signed in or not (selectors scope what each may see).
Reader: TypeAlias = User | AnonymousUser


class SignedInRequest(HttpRequest):
    """The request of a view that needs a signed-in person (`core.web.view`): its user is a
    `User`, never anonymous, so the view passes `request.user` to a service typed `by: User`
    (django-stubs types a plain request's user as `User | AnonymousUser`)."""

    user: User
