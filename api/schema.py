"""OpenAPI 3 schema details that drf-spectacular cannot guess: the token scheme, which
operations take anonymous requests, and the problem-details responses every operation may give."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import permissions, serializers

from api.exceptions import PROBLEM_CONTENT_TYPE
from api.permissions import CanContribute, ModeratorsOnly, NetworkUsersOnly
from api.serializers import RejectsUnknownFields

SIGN_IN_REQUIRED = (permissions.IsAuthenticated, CanContribute, ModeratorsOnly, NetworkUsersOnly)


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.PersonalTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        definition = build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Token")
        definition["description"] = str(_("A personal API token (/account/tokens/): `Authorization: Token pve_…`."))
        return definition


class FieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text=_("The field (dotted path), null for the whole request."))
    detail = serializers.CharField()
    code = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text=_("about:blank, or a urn:pve-portal:problem:… name (docs/API.md)."))
    title = serializers.CharField()
    status = serializers.IntegerField(min_value=400, max_value=599)
    detail = serializers.CharField()
    instance = serializers.CharField(help_text=_("The path of the request, with its query string."))
    code = serializers.CharField(help_text=_("A short machine-readable code, e.g. not_found."))
    errors = FieldErrorSerializer(  # type: ignore[assignment]  # a field, not the attribute: DRF's metaclass takes declared fields off the class
        many=True, required=False, help_text=_("Validation errors only: one per message.")
    )


PROBLEM_DESCRIPTIONS = {
    "400": _("Invalid request: `errors` lists the fields."),
    "401": _("Authentication failed (invalid or expired token), or is required."),
    "403": _("Not allowed (for instance a read-only token used to write)."),
    "404": _("Not found, or not yours to see."),
    "406": _("The Accept header names no type this operation answers in."),
    "409": _("Not possible in the current state."),
    "413": _("The request body is too large."),
    "415": _("Unsupported media type."),
    "429": _("Too many requests: wait the number of seconds in Retry-After."),
}
NOT_MODIFIED = _("Not modified since the ETag sent in If-None-Match (anonymous requests): no body.")
ETAG = {"ETag": {"schema": {"type": "string"}, "description": _("Anonymous requests: send it back in If-None-Match.")}}
RETRY_AFTER = {"Retry-After": {"schema": {"type": "integer"}, "description": _("Seconds to wait.")}}


NOT_BLANK = r"\S"  # unanchored: at least one character that is not a space


def _plain_string(field) -> bool:
    return isinstance(field, serializers.CharField) and not isinstance(
        field, (serializers.EmailField, serializers.URLField)
    )


def _constrain_string(field, schema: dict) -> None:
    """Blank-refusing fields trim spaces first: a value of spaces only is blank. Blank-allowing ones
    get the empty string as an explicit alternative (spectacular's oneOf, keyed on minLength)."""
    if field.allow_blank:
        schema.setdefault("minLength", 1)
    elif field.trim_whitespace and "pattern" not in schema:
        schema["pattern"] = NOT_BLANK


def _requires_sign_in(permission) -> bool:
    """Whether a (possibly composed) permission refuses anonymous requests."""
    # DRF's AND and OR keep their operands in op1 and op2, which the stubs do not declare.
    if isinstance(permission, permissions.AND):
        return _requires_sign_in(permission.op1) or _requires_sign_in(permission.op2)  # type: ignore[attr-defined]
    if isinstance(permission, permissions.OR):
        return _requires_sign_in(permission.op1) and _requires_sign_in(permission.op2)  # type: ignore[attr-defined]
    return isinstance(permission, SIGN_IN_REQUIRED)


class AutoSchema(openapi.AutoSchema):
    def get_auth(self) -> list:
        auths = [auth for auth in super().get_auth() if auth != {}]
        if not any(_requires_sign_in(permission) for permission in self.view.get_permissions()):
            auths.append({})
        return auths

    def _map_serializer_field(self, field, direction, bypass_extensions=False) -> dict:
        """Input strings and taxonomy codes as the API checks them, so that the schema promises
        exactly what the API accepts."""
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if direction != "request" or field.read_only:
            return schema
        if _plain_string(field) and schema.get("type") == "string":
            _constrain_string(field, schema)
        if isinstance(field, serializers.SlugRelatedField) and (queryset := field.get_queryset()) is not None:
            schema["enum"] = list(queryset.values_list(field.slug_field, flat=True))
        return schema

    def _map_basic_serializer(self, serializer, direction) -> dict:
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and isinstance(serializer, RejectsUnknownFields):
            schema["additionalProperties"] = False
        return schema

    def _is_list_view(self, serializer=None) -> bool:
        if getattr(self.view, "action", None) == "list" and getattr(self.view, "list_is_search", False):
            return False
        return super()._is_list_view(serializer)

    def _problem_codes(self) -> list[str]:
        codes = ["400", "401", "403", "404", "406", "429"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["413", "415"]
        return codes + list(getattr(self.view, "extra_problem_codes", {}).get(self.method.lower(), []))

    def _get_response_bodies(self, direction="response") -> dict:
        responses = super()._get_response_bodies(direction)
        if self.method == "GET" and getattr(self.view, "action", None) in getattr(self.view, "conditional_actions", ()):
            # anonymous answers carry an ETag and answer If-None-Match with 304 (docs/API.md)
            responses.setdefault("304", {"description": str(NOT_MODIFIED), "headers": ETAG})
            for code, response in responses.items():
                if code.startswith("2"):
                    response.setdefault("headers", {}).update(ETAG)
        for code in self._problem_codes():
            if code in responses:
                continue
            response = self._get_response_for_code(ProblemSerializer, code, [PROBLEM_CONTENT_TYPE], direction)
            response["description"] = str(PROBLEM_DESCRIPTIONS[code])
            if code == "429":
                response["headers"] = RETRY_AFTER
            responses[code] = response
        return responses
