"""Change counters (see core.models.ChangeCounter)."""

from django.db.models import F

from .models import ChangeCounter


def counter_bump(key: str) -> None:
    updated = ChangeCounter.objects.filter(key=key).update(value=F("value") + 1)
    if not updated:
        ChangeCounter.objects.get_or_create(key=key, defaults={"value": 1})


def counter_value(key: str) -> int:
    return ChangeCounter.objects.filter(key=key).values_list("value", flat=True).first() or 0


def counter_next(key: str) -> int:
    """The next number of a named sequence (1, 2, …), never given twice: the row's update
    holds its lock until the caller's transaction ends, so concurrent callers queue."""
    if not ChangeCounter.objects.filter(key=key).update(value=F("value") + 1):
        _counter, created = ChangeCounter.objects.get_or_create(key=key, defaults={"value": 1})
        if not created:  # another transaction created it first
            ChangeCounter.objects.filter(key=key).update(value=F("value") + 1)
    return ChangeCounter.objects.get(key=key).value
