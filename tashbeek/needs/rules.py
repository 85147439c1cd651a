"""Who may see and write needs and offers.

A need is seen by everyone or by signed-in members, as its authors chose; their own
organisation always sees it. Staff of an active member post needs for their organisation;
staff of any organisation in the directory (partners too) offer expertise."""

import rules

from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import (
    affiliations_of,
    is_network_member,
    is_staff_of,
    works_for_active_member,
)


@rules.predicate
def is_public(user, item) -> bool:
    return item is not None and getattr(item, "visibility", "public") == "public"


@rules.predicate
def of_own_organisation(user, item) -> bool:
    return item is not None and is_staff_of(user, item.organisation)


@rules.predicate
def works_somewhere(user) -> bool:
    return bool(affiliations_of(user))


rules.add_perm("needs.view_need", is_public | is_network_member | of_own_organisation)
rules.add_perm("needs.add_need", works_for_active_member | is_secretariat)
rules.add_perm("needs.change_need", of_own_organisation | is_secretariat)
rules.add_perm("needs.add_offer", works_somewhere | is_secretariat)
rules.add_perm("needs.change_offer", of_own_organisation | is_secretariat)
