"""Cache invalidation only (ARCHITECTURE: no business logic in signals): a deleted
organisation changes the directory's data version."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from tashbeek.core.counters import counter_bump

from .models import Organisation

ORGANISATION_DELETIONS = "members.organisation.deleted"


@receiver(post_delete, sender=Organisation, dispatch_uid="members.organisation.deleted")
def organisation_deleted(sender, **kwargs) -> None:
    counter_bump(ORGANISATION_DELETIONS)
