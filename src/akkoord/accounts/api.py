"""API tokens: ask for one with a user name and password, list your own, revoke one."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from akkoord.common.rest.throttles import RateThrottle, TokenThrottle

from . import tokens
from .models import ApiToken


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = "Too many failed attempts for this account; try again later."
    default_code = "locked_out"


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, write_only=True, style={"input_type": "password"})
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "hint", "created_at", "expires_at", "last_used_at", "revoked_at"]
        read_only_fields = fields


class IssuedTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True, help_text="The key, shown only now: keep it safe.")

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]
        read_only_fields = fields


class TokenView(APIView):
    """POST a user name and password for a token (it expires); DELETE revokes the token you use."""

    authentication_classes = [tokens.TokenAuthentication]
    throttle_classes = [TokenThrottle]

    def get_permissions(self) -> list[Any]:
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return [permissions.AllowAny()]

    @extend_schema(request=TokenRequestSerializer, responses={201: IssuedTokenSerializer})
    def post(self, request: Request) -> Response:
        s = TokenRequestSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        django_request = request._request
        user = authenticate(
            django_request, username=s.validated_data["username"], password=s.validated_data["password"]
        )
        if getattr(django_request, "axes_locked_out", False):
            raise LockedOut(_("Too many failed attempts for this account; try again later."))
        if user is None:
            raise exceptions.ValidationError({"password": [_("Wrong user name or password.")]})
        token, key = tokens.issue(user=user, name=s.validated_data["name"])
        data = IssuedTokenSerializer(token).data
        data["token"] = key
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        tokens.revoke(actor=request.user, token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Your own API tokens; DELETE revokes one (it stays listed as revoked)."""

    serializer_class = ApiTokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    throttle_classes = [RateThrottle]

    queryset = ApiToken.objects.none()

    def get_queryset(self) -> QuerySet[ApiToken]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no user
            return ApiToken.objects.none()
        return ApiToken.objects.filter(user=self.request.user)

    def perform_destroy(self, instance: ApiToken) -> None:
        tokens.revoke(actor=self.request.user, token=instance)
