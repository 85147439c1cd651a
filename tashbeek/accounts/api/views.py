"""API tokens: issued for an e-mail address and password (and the second factor, for the
roles that need one), listed and revoked by their owner."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from knox.models import AuthToken
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from tashbeek.api.actions import request_body
from tashbeek.api.errors import ERRORS
from tashbeek.core.permissions import is_privileged

from .. import selectors, services


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.EmailField(help_text="The e-mail address of the account.")
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The second factor's code: required for the secretariat and the committee.",
    )


class IssuedTokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField()


class TokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuthToken
        fields = ["token_key", "created", "expiry"]


class TokenObtainView(APIView):
    """A new token for every sign-in (never the same one twice)."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_scope = "token"

    @extend_schema(
        summary="Get an API token for an e-mail and password",
        request=TokenRequestSerializer,
        responses={200: IssuedTokenSerializer, **ERRORS},
    )
    def post(self, request):
        data = request_body(TokenRequestSerializer, request)
        user = authenticate(
            request,
            username=data["username"].strip().lower(),
            password=data["password"],
        )
        if user is None:
            raise exceptions.ValidationError(
                {"non_field_errors": [_("The e-mail address or password is wrong.")]}
            )
        if settings.MFA_REQUIRED and is_privileged(user):
            self._second_factor(user, data.get("otp", ""))
        instance, secret = services.token_create(user=user)
        return Response({"token": secret, "expiry": instance.expiry}, status=status.HTTP_200_OK)

    def _second_factor(self, user, code: str) -> None:
        if selectors.mfa_device(user) is None:
            raise exceptions.PermissionDenied(
                _("Set up your second factor on the site first, then ask for a token.")
            )
        if not code or services.mfa_check(user=user, code=code) is None:
            raise exceptions.PermissionDenied(_("Give the current code of your second factor."))


@extend_schema_view(list=extend_schema(summary="Your API tokens"))
class TokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The caller's own API tokens (the prefix, when made, when they expire); revoke one."""

    queryset = AuthToken.objects.none()  # typed for the schema; get_queryset scopes to the caller
    serializer_class = TokenSerializer
    lookup_field = "token_key"
    permission_map = {"list": "accounts.view_profile", "destroy": "accounts.view_profile"}
    pagination_class = None

    def get_queryset(self):
        return AuthToken.objects.filter(user=self.request.user).order_by("-created")

    @extend_schema(summary="Revoke one of your API tokens")
    def destroy(self, request, *args, **kwargs):
        token = self.get_object()
        services.token_revoke(user=request.user, token_key=token.token_key)
        return Response(status=status.HTTP_204_NO_CONTENT)
