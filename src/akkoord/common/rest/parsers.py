"""The API reads JSON only, and only within limits: size, nesting depth, digits, no control characters."""

from __future__ import annotations

import codecs
import json
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.parsers import JSONParser

from akkoord.common.engine_messages import bounds_message
from akkoord.common.models import control_message
from akkoord.common.text import first_control
from akkoord.engines.bounded import BoundsError, load_json

MAX_DIGITS = 40


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "body_too_large"


def _control_errors(value: Any, path: str = "") -> dict[str, list[str]]:
    """``{field path: [message]}`` for every text (key or value) that holds a control character."""
    errors: dict[str, list[str]] = {}
    if isinstance(value, str):
        if found := first_control(value):
            errors[path or "__all__"] = [control_message(found)]
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if found := first_control(str(key)):
                errors[name] = [control_message(found)]
            errors |= _control_errors(item, name)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            errors |= _control_errors(item, f"{path}[{i}]")
    return errors


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise BodyTooLarge(_("The request body is larger than %(kb)s KB.") % {"kb": limit // 1024})
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.decode(body, encoding)
            data = load_json(text, max_depth=settings.API_MAX_JSON_DEPTH, max_digits=MAX_DIGITS)
        except UnicodeDecodeError as exc:
            raise exceptions.ParseError(_("The request body is not UTF-8 text.")) from exc
        except BoundsError as exc:
            raise exceptions.ParseError(_("JSON: %(message)s.") % {"message": bounds_message(exc)}) from exc
        except (json.JSONDecodeError, RecursionError) as exc:
            raise exceptions.ParseError(_("The request body is not valid JSON.")) from exc
        errors = _control_errors(data)
        if errors:
            raise exceptions.ValidationError(errors)
        return data
