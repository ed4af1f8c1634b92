"""The assignment engine's input problems in the reader's language.

Kept apart from reasons.py: `akkoord assign` runs without Django's models (the fast path
of akkoord/cli.py), so this module imports none.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from akkoord.common.engine_messages import render

# engines/assignment/model.py MESSAGES, for the `akkoord assign` command and the pages.
INPUT_TEXTS = {
    "no_sessions": gettext_lazy("at least one session is needed"),
    "empty_id": gettext_lazy("is empty"),
    "duplicate_session": gettext_lazy("the session id %(id)s is used twice"),
    "negative": gettext_lazy("must not be negative"),
    "max_below_min": gettext_lazy("is smaller than the minimum size"),
    "share_range": gettext_lazy("must be between 0 and 1"),
    "duplicate_participant": gettext_lazy("the participant id %(id)s is used twice"),
    "unknown_session": gettext_lazy("%(id)s is not a session"),
    "session_twice": gettext_lazy("names a session twice"),
    "type_share_range": gettext_lazy("must be more than 0 and at most 1"),
    "at_least_one": gettext_lazy("must be at least 1"),
    "not_positive": gettext_lazy("must be more than 0"),
    "unknown_grouping": gettext_lazy("must be one of %(choices)s"),
    "not_with_mixed": gettext_lazy(
        "cannot be combined with mixing groups over the tables: both count the seats of a session"
    ),
}


def input_problem(error: Any) -> str:
    """An assignment input error in the reader's language."""
    return render(error, INPUT_TEXTS)
