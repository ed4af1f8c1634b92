"""Importing partners from CSV or XLSX: all rows are checked first, then all are written."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from akkoord.common.tabular import CellError, TableError, field_limits, read_table
from akkoord.organisations.models import Organisation, Person, StakeholderType, parse_stakeholder_type

from . import permissions, services
from .models import Deal, GovernmentRole, PartnerRole, Partnership

COLUMNS = [
    "organisation",
    "stakeholder_type",
    "roles",
    "government_roles",
    "joined_on",
    "left_on",
    "contact_name",
    "contact_email",
]
REQUIRED = ["organisation", "stakeholder_type"]

ROLE_ALIASES = {
    "initiatiefgroep": "initiative_group",
    "trekker": "lead",
    "partner": "partner",
    "adviseur": "advisor",
    "dealmaker": "deal_maker",
    "projectleider": "project_leader",
    "secretaris": "secretary",
    "projectsecretaris": "secretary",
    "communicatie": "communication",
}
GOVERNMENT_ROLE_ALIASES = {
    "ondernemend": "entrepreneurial",
    "ondernemende": "entrepreneurial",
    "partner": "partner",
    "normerend": "regulating",
    "normerende": "regulating",
    "ondersteunend": "supporting",
    "ondersteunende": "supporting",
}


@dataclass
class ImportResult:
    created: int
    updated: int


def _parse_date(text: str) -> dt.date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date; write it as 2026-11-22 or 22-11-2026.") % {"value": text})


def _parse_list(text: str, allowed: list[str], aliases: dict[str, str]) -> list[str]:
    values = []
    for part in text.replace(",", ";").split(";"):
        word = part.strip().lower()
        if not word:
            continue
        value = aliases.get(word, word)
        if value not in allowed:
            raise ValueError(
                _("“%(value)s” is unknown; use one of: %(allowed)s")
                % {"value": part.strip(), "allowed": ", ".join(allowed)}
            )
        if value not in values:
            values.append(value)
    return values


def import_partners(
    *, actor: Any, deal: Deal, source: str | Path | IO[bytes], filename: str | None = None
) -> ImportResult:
    """Add or update the partners listed in a CSV or XLSX file.

    Every row is checked before anything is written. If any cell is wrong,
    :class:`TableError` lists every bad row and column and nothing changes.
    """
    permissions.require_coordinator(actor, deal)
    table = read_table(source, filename)
    table.require(*REQUIRED)
    errors: list[CellError] = table.length_errors(
        field_limits(Organisation, {"organisation": "name"})
        | field_limits(Person, {"contact_name": "name", "contact_email": "email"})
    )
    parsed: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for number, row in table.rows:
        item: dict[str, Any] = {}
        name = row.get("organisation", "")
        if not name:
            errors.append(CellError(number, "organisation", _("The organisation's name is empty.")))
        elif name.lower() in seen:
            errors.append(
                CellError(
                    number,
                    "organisation",
                    _("This organisation is also on row %(row)s.") % {"row": seen[name.lower()]},
                )
            )
        else:
            seen[name.lower()] = number
        item["name"] = name
        stype = parse_stakeholder_type(row.get("stakeholder_type", "")) or ""
        if not stype:
            errors.append(
                CellError(
                    number,
                    "stakeholder_type",
                    _("“%(value)s” is unknown; use one of: %(allowed)s")
                    % {
                        "value": row.get("stakeholder_type", ""),
                        "allowed": ", ".join(StakeholderType.values),
                    },
                )
            )
        item["stakeholder_type"] = stype
        for column, allowed, aliases in (
            ("roles", PartnerRole.values, ROLE_ALIASES),
            ("government_roles", GovernmentRole.values, GOVERNMENT_ROLE_ALIASES),
        ):
            try:
                item[column] = _parse_list(row.get(column, ""), allowed, aliases)
            except ValueError as exc:
                errors.append(CellError(number, column, str(exc)))
        if item.get("government_roles") and stype != "government":
            errors.append(
                CellError(
                    number, "government_roles", _("Only a government organisation takes a government role.")
                )
            )
        for column in ("joined_on", "left_on"):
            try:
                item[column] = _parse_date(row.get(column, ""))
            except ValueError as exc:
                errors.append(CellError(number, column, str(exc)))
        if item.get("joined_on") and item.get("left_on") and item["left_on"] < item["joined_on"]:
            errors.append(CellError(number, "left_on", _("The exit date must not be before the entry date.")))
        email = row.get("contact_email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(
                    CellError(
                        number, "contact_email", _("“%(value)s” is not an e-mail address.") % {"value": email}
                    )
                )
        item["contact_name"] = row.get("contact_name", "")
        item["contact_email"] = email
        if email and not item["contact_name"]:
            errors.append(CellError(number, "contact_name", _("Give the name of the contact person.")))
        existing = Organisation.objects.filter(name__iexact=name).first() if name else None
        if existing and stype in StakeholderType.values and existing.stakeholder_type != stype:
            errors.append(
                CellError(
                    number,
                    "stakeholder_type",
                    _("%(name)s is already registered as “%(type)s”.")
                    % {"name": existing.name, "type": existing.get_stakeholder_type_display()},
                )
            )
        parsed.append((number, item))
    if errors:
        raise TableError(errors)
    if not parsed:
        raise TableError([CellError(2, "organisation", _("The file has no partners."))])
    created = updated = 0
    with transaction.atomic():
        for _number, item in parsed:
            org = services.find_or_create_organisation(
                actor=actor, name=item["name"], stakeholder_type=item["stakeholder_type"]
            )
            instance = Partnership.objects.filter(deal=deal, organisation=org).first()
            data = {
                "organisation": org,
                "roles": item["roles"] or ["partner"],
                "government_roles": item["government_roles"],
                "joined_on": item["joined_on"],
                "left_on": item["left_on"],
            }
            if item["contact_name"]:
                data["contact_name"] = item["contact_name"]
                data["contact_email"] = item["contact_email"]
            if instance is None:
                created += 1
            else:
                updated += 1
            services.save_partner(actor=actor, deal=deal, data=data, instance=instance)
    return ImportResult(created=created, updated=updated)
