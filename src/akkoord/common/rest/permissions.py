from __future__ import annotations

from typing import Any

from rest_framework import permissions


class DealPermission(permissions.BasePermission):
    """Anyone may read (querysets only hold visible deals); writing needs a login.

    Whether this user may change this deal is decided by the service that does
    the write, exactly as for the web pages.
    """

    def has_permission(self, request: Any, view: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)
