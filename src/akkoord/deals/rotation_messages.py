"""The chair rotation engine's problems in the reader's language (engines/rotation)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from akkoord.common.engine_messages import render
from akkoord.engines.rotation import RotationInputError

TEXTS: dict[str, Promise] = {
    "terms_at_least_one": _("The rotation needs at least one chair term."),
    "no_types": _("The rotation needs partners of at least one kind."),
    "negative_weight": _("A kind of partner cannot count for less than nothing."),
    "no_positive_weight": _("At least one kind of partner must have active partners."),
}


def message(error: RotationInputError) -> str:
    return render(error, TEXTS)
