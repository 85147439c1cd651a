"""Bounded limit/offset pagination: at most 100 rows a page and 10,000 rows deep."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class BoundedPagination(LimitOffsetPagination):
    default_limit = 25
    max_limit = 100
    max_offset = 10_000

    def get_offset(self, request):
        offset = super().get_offset(request)
        if offset > self.max_offset:
            raise ValidationError(
                {"offset": [_("Refine the filters: the offset may not exceed 10000.")]}
            )
        return offset
