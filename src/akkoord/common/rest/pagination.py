"""Paging of API lists with bounded ``limit`` and ``offset``: a value out of range is a 400 naming it."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination

from akkoord.common.query import read_int

MAX_OFFSET = 1_000_000


def bounded_int(request: Any, name: str, default: int, low: int, high: int) -> int:
    """For the API: a wrong value is a 400 problem naming the parameter."""
    try:
        return read_int(request.query_params, name, default, low, high)
    except ValueError as exc:
        raise exceptions.ValidationError({name: [str(exc)]}) from exc


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500

    def get_limit(self, request: Any) -> int:
        return bounded_int(request, self.limit_query_param, self.default_limit, 1, self.max_limit)

    def get_offset(self, request: Any) -> int:
        return bounded_int(request, self.offset_query_param, 0, 0, MAX_OFFSET)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {
            self.limit_query_param: {"minimum": 1, "maximum": self.max_limit},
            self.offset_query_param: {"minimum": 0, "maximum": MAX_OFFSET},
        }
        for p in parameters:
            p["schema"] = {**p["schema"], **bounds.get(p["name"], {})}
        return parameters
