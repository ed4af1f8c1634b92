"""The finance engine's problems reach people in their language (issue 11): a code with
values, translated where it is shown — the streams editor, the upload, the command line."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from akkoord.consent.messages import TEXTS as CONSENT_TEXTS
from akkoord.deals.rotation_messages import TEXTS as ROTATION_TEXTS
from akkoord.engines.assignment.model import MESSAGES as ASSIGNMENT_MESSAGES
from akkoord.engines.consent import MESSAGES as CONSENT_MESSAGES
from akkoord.engines.finance import MESSAGES, ModelError, parse
from akkoord.engines.impact.progress import MESSAGES as IMPACT_MESSAGES
from akkoord.engines.norms import MESSAGES as NORMS_MESSAGES
from akkoord.engines.programme import MESSAGES as PROGRAMME_MESSAGES
from akkoord.engines.rotation.engine import MESSAGES as ROTATION_MESSAGES
from akkoord.events.input_messages import INPUT_TEXTS
from akkoord.finance import messages
from akkoord.impact.messages import TEXTS as IMPACT_TEXTS
from akkoord.norms.messages import TEXTS as NORMS_TEXTS

from .test_pages import _post_data, pampus

PLACEHOLDER_EN = re.compile(r"\{(\w+)")
PLACEHOLDER_NL = re.compile(r"%\((\w+)\)s")


ENGINES = [
    *((code, MESSAGES[code], messages.TEXTS) for code in sorted(MESSAGES)),
    *((code, IMPACT_MESSAGES[code], IMPACT_TEXTS) for code in sorted(IMPACT_MESSAGES)),
    *((code, ASSIGNMENT_MESSAGES[code], INPUT_TEXTS) for code in sorted(ASSIGNMENT_MESSAGES)),
    *((code, ROTATION_MESSAGES[code], ROTATION_TEXTS) for code in sorted(ROTATION_MESSAGES)),
    *((code, NORMS_MESSAGES[code], NORMS_TEXTS) for code in sorted(NORMS_MESSAGES)),
    *((code, CONSENT_MESSAGES[code], CONSENT_TEXTS) for code in sorted(CONSENT_MESSAGES)),
    *((code, PROGRAMME_MESSAGES[code], messages.TEXTS) for code in sorted(PROGRAMME_MESSAGES)),
]


@pytest.mark.parametrize(("code", "english", "texts"), ENGINES)
def test_every_engine_code_has_a_dutch_text_with_its_values(code: str, english: str, texts: dict) -> None:
    text = texts[code]
    # A translation may leave a value out (it names the choices in words), never invent one.
    assert set(PLACEHOLDER_NL.findall(str(text))) <= set(PLACEHOLDER_EN.findall(english))
    with translation.override("en"):
        msgid = str(text)
    with translation.override("nl"):
        assert str(text) != msgid, f"{code} has no Dutch translation"


def _error(definition: dict) -> ModelError:
    with pytest.raises(ModelError) as exc:
        parse(definition)
    return exc.value


BASE = {"name": "x", "base_year": 2026, "horizon": 10, "mode": "business", "rates": {"standard": 0.03}}


def test_the_examples_of_the_finding_read_as_sentences_in_both_languages() -> None:
    late = _error(
        {**BASE, "streams": [{"name": "Huur", "party": "P", "amount": 1, "start": 2027, "end": 2020}]}
    )
    order = _error(
        {
            **BASE,
            "streams": [
                {
                    "name": "Huur",
                    "party": "P",
                    "amount": 1,
                    "start": 2027,
                    "uncertainty": {"low": 2.0, "mode": 1.0, "high": 0.5},
                }
            ],
        }
    )
    klass = _error(
        {
            **BASE,
            "streams": [{"name": "Huur", "party": "P", "amount": 1, "start": 2027, "rate_class": "hoog"}],
        }
    )
    assert (late.code, late.params) == ("end_before_start", {"end": 2020, "start": 2027})
    with translation.override("nl"):
        assert (
            messages.describe(late)
            == "stroom 1 (Huur), laatste jaar: ligt vóór het eerste jaar (2020 is vóór 2027)"
        )
        assert "nu 2, 1, 0,5" in messages.describe(order) and "meest waarschijnlijke" in messages.describe(
            order
        )
        assert messages.describe(klass).endswith(
            "“hoog” is geen soort disconteringsvoet; kies gangbaar, vast of zonder risico"
        )
        assert "standard" not in messages.describe(klass) and "risk_free" not in messages.describe(klass)
    with translation.override("en"):
        assert (
            messages.describe(late)
            == "stream 1 (Huur), last year: is before the first year (2020 is before 2027)"
        )
        assert "now 2, 1, 0.5" in messages.describe(order)


def test_the_streams_editor_shows_the_problem_on_its_row_in_dutch(client, demo) -> None:
    coordinator, _ = demo
    client.force_login(coordinator)
    fm = pampus(10)
    r = client.post(reverse("finance:edit", args=[fm.slug]), _post_data(fm, {"streams-1-end": "2020"}))
    assert r.status_code == 400
    (error,) = r.context["streams"].forms[1].errors["end"]
    assert error.startswith("ligt vóór het eerste jaar (2020 is vóór ")
    html = r.content.decode()
    assert "error-summary" in html and "is before the start" not in html


def test_a_warning_is_translated_on_the_model_page(client, demo) -> None:
    from akkoord.finance.models import FinanceModel

    coordinator, _ = demo
    fm = FinanceModel.objects.create(
        name="Voorbij de horizon (voorbeeld)",
        slug="voorbij",
        created_by=coordinator,
        definition={
            **BASE,
            "streams": [{"name": "Huur", "party": "P", "amount": 1, "start": 2027, "end": 2040}],
        },
    )
    client.force_login(coordinator)
    html = client.get(fm.get_absolute_url()).content.decode()
    assert "loopt tot 2040, voorbij de looptijd; stromen na 2035 tellen niet mee" in html
    assert "past the horizon" not in html


def test_a_rotation_problem_reads_as_a_sentence_in_dutch() -> None:
    from akkoord.deals.rotation_messages import message
    from akkoord.engines.rotation import RotationInput, RotationInputError

    with pytest.raises(RotationInputError) as exc:
        RotationInput(weights={"market": 0}, terms=3)
    with translation.override("nl"):
        assert message(exc.value) == "Ten minste één soort partij moet actieve partners hebben."
