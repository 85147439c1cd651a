"""One rules-aware permission class for every API view.

Each view declares `permission_map = {"list": None, "create": "members.add_organisation", ...}`;
object actions check the permission against the object, exactly as the pages do."""

from rest_framework.permissions import BasePermission


class RulesPermission(BasePermission):
    def _perm(self, view):
        mapping = getattr(view, "permission_map", {})
        return mapping.get(getattr(view, "action", None) or view.request.method.lower())

    def has_permission(self, request, view):
        perm = self._perm(view)
        # Actions on one object are decided against it in has_object_permission (a
        # coordinator may change *their* event only); a view names its detail @actions that
        # work so in `object_actions`.
        # A plain APIView has no action: its method names the entry of the map.
        action = getattr(view, "action", None) or view.request.method.lower()
        on_object = action in ("retrieve", "update", "partial_update", "destroy") or (
            action in getattr(view, "object_actions", ())
        )
        if perm is None or on_object:
            return perm is None or request.user.is_authenticated
        return request.user.has_perm(perm)

    def has_object_permission(self, request, view, obj):
        perm = self._perm(view)
        return perm is None or request.user.has_perm(perm, obj)
