"""What a signed-in user has already told us, to fill in a form for them."""

from __future__ import annotations

from typing import Any


def details_of(user: Any) -> dict[str, str]:
    """Name, e-mail address, organisation and its type of a signed-in user ({} for a visitor).

    Taken from the account and from the person record it is linked to (an accepted
    invitation); the form shows them as editable starting values.
    """
    if not getattr(user, "is_authenticated", False):
        return {}
    person = user.people.select_related("organisation").order_by("id").first()
    known = {
        "name": user.get_full_name() or (person.name if person else ""),
        "email": user.email or (person.email if person else ""),
    }
    if person and person.organisation_id:
        known["organisation"] = person.organisation.name
        known["stakeholder_type"] = person.organisation.stakeholder_type
    return {k: v for k, v in known.items() if v}
