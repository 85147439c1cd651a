"""Sign-in protections beside django-axes: e-mail addresses compared without case, and a
limit per address across accounts (axes locks each account-and-address pair)."""

import datetime

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def axes_username(request, credentials) -> str:
    """The e-mail address as axes keys it: `Amal@X.org` and `amal@x.org` are one account."""
    value = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None and request is not None:
        value = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return (value or "").strip().lower()


def address_locked(request) -> bool:
    """Too many failed sign-ins from this address, whatever accounts they tried."""
    address = get_client_ip_address(request)
    if not address:
        return False
    since = timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= settings.ADDRESS_FAILURE_LIMIT
