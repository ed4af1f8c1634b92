"""The error responses of every operation in the OpenAPI document: RFC 9457 problem details.

Every operation can answer 400 (a field or parameter is wrong), 401, 403, 404, 413 (body too
large), 415 (not JSON) and 429 (too many requests), each as application/problem+json with the
``Problem`` schema; the fuzz test (schemathesis) holds every response to this document.
Every response names the API version in its ``API-Version`` header (api/middleware.py).
"""

from __future__ import annotations

from typing import Any

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "description": "For 400: each field or parameter that is wrong, and why.",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status", "detail"],
}
ERRORS = {
    "400": "A field or parameter is wrong; invalid_params names it.",
    "401": "Authentication is needed, or the token is wrong, expired or revoked.",
    "403": "You may not do this.",
    "404": "Not found, or not visible to you.",
    "405": "This method is not allowed here.",
    "413": "The request body is too large.",
    "415": "The request body is not JSON.",
    "429": "Too many requests; try again later.",
}


def add_problem_responses(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """drf-spectacular post-processing hook."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    ref = {"$ref": "#/components/schemas/Problem"}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(
                    code,
                    {"description": description, "content": {"application/problem+json": {"schema": ref}}},
                )
    return result


VERSION_HEADER = {
    "description": "The full version of the API that answered (semantic versioning).",
    "schema": {"type": "string", "example": "1.1.0"},
}


def add_version_header(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """drf-spectacular post-processing hook: the API-Version header on every response."""
    result.setdefault("components", {}).setdefault("headers", {})["API-Version"] = VERSION_HEADER
    ref = {"$ref": "#/components/headers/API-Version"}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for response in operation.get("responses", {}).values():
                response.setdefault("headers", {})["API-Version"] = ref
    return result
