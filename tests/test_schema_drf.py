"""DRF serializers → JSON Schema."""

import inspect
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from rest_framework import serializers

from channels_spectacular.schema import SchemaContext, is_supported, payload_schema
from channels_spectacular.schema.drf import component_name
from tests.support.payloads import AddressSerializer, RideSerializer
from tests.support.schemas import NULL, convert, ref

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

ADDRESS = {
    "title": "Address",
    "description": "Where to go.",
    "type": "object",
    "properties": {
        "street": {
            "type": "string",
            "minLength": 2,
            "maxLength": 80,
            "description": "Street and number",
        },
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
    },
    "required": ["street", "lat"],
}
COMMON = {
    "pickup": ref("Address"),
    "stops": {"type": "array", "items": ref("Address"), "maxItems": 5},
    "fare": {"type": "string", "format": "decimal", "pattern": r"^-?\d{1,6}(\.\d{1,2})?$"},
    "payment_method": {"type": "string", "enum": ["cash", "card"], "default": "cash"},
    "extras": {
        "type": "array",
        "items": {"type": "string", "enum": ["wifi", "water"]},
        "uniqueItems": True,
        "minItems": 1,
    },
    "note": {"oneOf": [{"type": "string"}, NULL]},
}


def test_request_payload_leaves_out_read_only_and_hidden_fields() -> None:
    root, components = convert(RideSerializer, "request")
    assert root == {
        "title": "RideRequest",
        "type": "object",
        "properties": {
            "pickup": COMMON["pickup"],
            "stops": COMMON["stops"],
            "rider": ref("RiderRequest"),
            "fare": COMMON["fare"],
            "payment_method": COMMON["payment_method"],
            "extras": COMMON["extras"],
            "note": COMMON["note"],
        },
        "required": ["pickup", "rider", "fare", "extras"],
    }
    assert components == {
        "Address": ADDRESS,
        "RiderRequest": {
            "title": "RiderRequest",
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "token": {"type": "string", "writeOnly": True},
            },
            "required": ["name", "token"],
        },
    }


def test_response_payload_leaves_out_write_only_fields() -> None:
    root, components = convert(RideSerializer, "response")
    assert root == {
        "title": "Ride",
        "type": "object",
        "properties": {
            "pickup": COMMON["pickup"],
            "stops": COMMON["stops"],
            "rider": ref("Rider"),
            "fare": COMMON["fare"],
            "payment_method": COMMON["payment_method"],
            "extras": COMMON["extras"],
            "note": COMMON["note"],
            "eta": {"oneOf": [{"type": "integer"}, NULL], "readOnly": True},
            "created": {"type": "string", "format": "date-time", "readOnly": True},
        },
        "required": ["pickup", "rider", "fare", "payment_method", "extras", "eta", "created"],
    }
    assert components == {
        "Address": ADDRESS,
        "Rider": {
            "title": "Rider",
            "type": "object",
            "properties": {"id": {"type": "integer", "readOnly": True}, "name": {"type": "string"}},
            "required": ["id", "name"],
        },
    }


def test_both_directions_in_one_registry_share_what_does_not_differ() -> None:
    ctx = SchemaContext(location="RideConsumer.handle_request_ride")
    payload_schema(RideSerializer, ctx)
    payload_schema(RideSerializer, ctx.with_direction("response"))
    assert sorted(ctx.components.schemas) == ["Address", "Rider", "RiderRequest"]
    assert ctx.diagnostics.items == []


def test_nested_serializer_is_a_component_named_without_suffix() -> None:
    ctx = SchemaContext()
    assert ctx.schema_for(AddressSerializer) == ref("Address")
    assert ctx.schema_for(AddressSerializer()) == ref("Address")
    assert ctx.with_direction("response").schema_for(AddressSerializer) == ref("Address")
    assert ctx.components.schemas == {"Address": ADDRESS}
    assert component_name(AddressSerializer) == "Address"
    assert component_name(serializers.Serializer) == "Serializer"


def test_class_and_instance_give_the_same_schema() -> None:
    assert convert(RideSerializer) == convert(RideSerializer())


def test_many_true_root_is_an_array_of_the_inline_object() -> None:
    assert convert(AddressSerializer(many=True, min_length=1)) == (
        {"type": "array", "items": ADDRESS, "minItems": 1},
        {},
    )


# ---- fields -----------------------------------------------------------------------------------


class Upper(serializers.CharField):
    pass


class Weird(serializers.Field):
    def to_representation(self, value: Any) -> Any:
        return value


def field_schema(field: serializers.Field, direction: str = "response") -> tuple[Any, Any]:
    """The property schema of ``field`` in a one-field serializer, and the diagnostics."""
    one = type("OneSerializer", (serializers.Serializer,), {"f": field})
    ctx = SchemaContext(location="T.t", direction=direction)  # type: ignore[arg-type]
    root, _ = convert(one, ctx=ctx)
    return root["properties"].get("f"), ctx.diagnostics.items


FIELDS = [
    (
        serializers.IntegerField(min_value=1, max_value=9),
        {"type": "integer", "minimum": 1, "maximum": 9},
    ),
    (serializers.FloatField(), {"type": "number"}),
    (serializers.BooleanField(), {"type": "boolean"}),
    (
        serializers.CharField(min_length=1, max_length=3),
        {"type": "string", "minLength": 1, "maxLength": 3},
    ),
    (serializers.EmailField(), {"type": "string", "format": "email"}),
    (serializers.URLField(), {"type": "string", "format": "uri"}),
    (serializers.SlugField(), {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}),
    (serializers.RegexField(r"^\d{3}\Z"), {"type": "string", "pattern": r"^\d{3}$"}),
    (serializers.UUIDField(), {"type": "string", "format": "uuid"}),
    (serializers.UUIDField(format="hex"), {"type": "string", "pattern": "^[0-9a-f]{32}$"}),
    (serializers.IPAddressField(protocol="IPv4"), {"type": "string", "format": "ipv4"}),
    (serializers.IPAddressField(), {"type": "string"}),
    (
        serializers.DecimalField(max_digits=5, decimal_places=2),
        {"type": "string", "format": "decimal", "pattern": r"^-?\d{1,3}(\.\d{1,2})?$"},
    ),
    (
        serializers.DecimalField(max_digits=4, decimal_places=0),
        {"type": "string", "format": "decimal", "pattern": r"^-?\d{1,4}$"},
    ),
    (
        serializers.DecimalField(
            max_digits=5, decimal_places=2, coerce_to_string=False, min_value=Decimal("0.5")
        ),
        {"type": "number", "minimum": 0.5},
    ),
    # BigIntegerField came with DRF 3.16; DRF 3.15 (the lowest supported) has none to convert.
    *(
        [
            (serializers.BigIntegerField(), {"type": "integer"}),
            (
                serializers.BigIntegerField(coerce_to_string=True),
                {"type": "string", "pattern": r"^-?\d+$"},
            ),
        ]
        if hasattr(serializers, "BigIntegerField")
        else []
    ),
    (serializers.DateTimeField(), {"type": "string", "format": "date-time"}),
    (serializers.DateTimeField(format="%Y"), {"type": "string"}),
    (serializers.DateField(), {"type": "string", "format": "date"}),
    (serializers.TimeField(), {"type": "string", "format": "time"}),
    (serializers.DurationField(), {"type": "string"}),
    # DurationField(format=...) came with DRF 3.16; before, durations are always Django's.
    *(
        [(serializers.DurationField(format="iso-8601"), {"type": "string", "format": "duration"})]
        if "format" in inspect.signature(serializers.DurationField).parameters
        else []
    ),
    (serializers.ChoiceField(choices=[1, 2]), {"type": "integer", "enum": [1, 2]}),
    (
        serializers.ChoiceField(choices=["a"], allow_blank=True),
        {"type": "string", "enum": ["a", ""]},
    ),
    (
        serializers.ChoiceField(choices=[("x", "X")], allow_null=True),
        {"oneOf": [{"type": "string", "enum": ["x"]}, NULL]},
    ),
    (
        serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=3),
        {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
    ),
    (serializers.ListField(), {"type": "array"}),
    (
        serializers.DictField(child=serializers.CharField(), allow_empty=False),
        {"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 1},
    ),
    (serializers.JSONField(), {}),
    (serializers.FileField(), {"type": "string"}),
    (serializers.ReadOnlyField(), {"readOnly": True}),
    (
        serializers.SlugRelatedField(slug_field="name", read_only=True),
        {"type": "string", "readOnly": True},
    ),
    (
        serializers.HyperlinkedRelatedField(view_name="group-detail", read_only=True),
        {"type": "string", "format": "uri", "readOnly": True},
    ),
    (serializers.StringRelatedField(), {"type": "string", "readOnly": True}),
    (serializers.PrimaryKeyRelatedField(queryset=Group.objects.all()), {"type": "integer"}),
    (serializers.PrimaryKeyRelatedField(read_only=True), {"type": "integer", "readOnly": True}),
    (
        serializers.PrimaryKeyRelatedField(
            queryset=Group.objects.all(), many=True, help_text="Groups"
        ),
        {"type": "array", "items": {"type": "integer"}, "description": "Groups"},
    ),
    (
        serializers.PrimaryKeyRelatedField(
            queryset=Group.objects.all(), pk_field=serializers.UUIDField()
        ),
        {"type": "string", "format": "uuid"},
    ),
    (
        serializers.CharField(help_text="Name", default="anon"),
        {"type": "string", "description": "Name", "default": "anon"},
    ),
    (Upper(max_length=2), {"type": "string", "maxLength": 2}),
    (serializers.HiddenField(default=1), None),
]


@pytest.mark.parametrize(("field", "expected"), FIELDS)
def test_field_mapping(field: serializers.Field, expected: Any) -> None:
    schema, diagnostics = field_schema(field)
    assert schema == expected
    assert diagnostics == []


def test_unknown_field_class_is_any_value_with_a_warning() -> None:
    schema, [warning] = field_schema(Weird())
    assert schema == {}
    assert warning.code == "unknown-field"
    assert "OneSerializer.f" in warning.message


def test_untyped_method_field_warns() -> None:
    class TimedSerializer(serializers.Serializer):
        eta = serializers.SerializerMethodField()

        def get_eta(self, obj):  # type: ignore[no-untyped-def]
            return 1

    ctx = SchemaContext(location="T.t", direction="response")
    root, _ = convert(TimedSerializer, ctx=ctx)
    assert root["properties"]["eta"] == {"readOnly": True}
    [warning] = ctx.diagnostics.warnings
    assert warning.code == "untyped-method-field"
    assert "get_eta()" in warning.message


def test_method_field_with_a_named_type_makes_a_component() -> None:
    class TaggedSerializer(serializers.Serializer):
        home = serializers.SerializerMethodField()

        def get_home(self, obj: Any) -> list[Any]:
            return []

    root, components = convert(TaggedSerializer, "response")
    assert root["properties"]["home"] == {"type": "array", "readOnly": True}
    assert components == {}


# ---- model serializers ------------------------------------------------------------------------


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "is_active", "groups", "last_login"]


class PermissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Permission
        fields = ["id", "codename", "content_type"]
        read_only_fields = ["content_type"]


def test_model_serializer_fields_map_by_model_field() -> None:
    root, _ = convert(UserSerializer, "response")
    groups_help = User._meta.get_field("groups").help_text
    # DRF 3.15.0 alone copies model defaults onto the fields (3.15.1 reverted it); the schema
    # says what that version's serializer does.
    copied_default = UserSerializer().fields["is_active"].default
    is_active_default = {} if copied_default is serializers.empty else {"default": copied_default}
    assert root["properties"] == {
        "id": {"type": "integer", "readOnly": True},
        "username": {
            "type": "string",
            "maxLength": 150,
            "description": str(User._meta.get_field("username").help_text),
        },
        "email": {"type": "string", "format": "email", "maxLength": 254},
        "is_active": {
            "type": "boolean",
            "description": str(User._meta.get_field("is_active").help_text),
            **is_active_default,
        },
        "groups": {"type": "array", "items": {"type": "integer"}, "description": str(groups_help)},
        "last_login": {"oneOf": [{"type": "string", "format": "date-time"}, NULL]},
    }
    # A field with a default is always written, so the response lists it as required.
    assert root["required"] == ["id", "username", *(["is_active"] if is_active_default else [])]
    assert root["title"] == "User"


def test_read_only_foreign_key_is_typed_from_the_related_model() -> None:
    request, _ = convert(PermissionSerializer, "request")
    response, _ = convert(PermissionSerializer, "response")
    assert request["title"] == "PermissionRequest"
    assert list(request["properties"]) == ["codename"]
    assert response["properties"]["content_type"] == {"type": "integer", "readOnly": True}


# ---- naming, recursion, errors ----------------------------------------------------------------


def _point_serializer(kind: serializers.Field) -> type[serializers.Serializer]:
    class PointSerializer(serializers.Serializer):
        value = kind

    return PointSerializer


IntPointSerializer = _point_serializer(serializers.IntegerField())
StrPointSerializer = _point_serializer(serializers.CharField())


class PathSerializer(serializers.Serializer):
    start = IntPointSerializer()
    label = StrPointSerializer()
    end = IntPointSerializer()


def test_same_named_serializers_are_both_kept() -> None:
    ctx = SchemaContext(location="Map.handle_path")
    root, components = convert(PathSerializer, ctx=ctx)
    assert root["properties"] == {
        "start": ref("Point"),
        "label": ref("Point2"),
        "end": ref("Point"),
    }
    assert components["Point"]["properties"] == {"value": {"type": "integer"}}
    assert components["Point2"]["properties"] == {"value": {"type": "string"}}
    assert components["Point2"]["title"] == "Point2"
    [warning] = ctx.diagnostics.warnings
    assert warning.code == "component-name-collision"


class TreeSerializer(serializers.Serializer):
    name = serializers.CharField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["children"] = TreeSerializer(many=True, required=False)
        return fields


def test_recursive_serializer_ends_in_a_ref() -> None:
    root, components = convert(TreeSerializer)
    assert root == ref("Tree")
    assert components == {
        "Tree": {
            "title": "Tree",
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "children": {"type": "array", "items": ref("Tree")},
            },
            "required": ["name"],
        }
    }


def test_serializer_that_cannot_be_instantiated_is_an_error() -> None:
    class NeedsArgSerializer(serializers.Serializer):
        def __init__(self, tenant: str, **kwargs: Any) -> None:
            super().__init__(**kwargs)

    ctx = SchemaContext(location="T.t")
    assert payload_schema(NeedsArgSerializer, ctx) == {}
    [error] = ctx.diagnostics.errors
    assert error.code == "serializer-error"
    assert "NeedsArgSerializer" in error.message


def test_matching() -> None:
    assert is_supported(RideSerializer)
    assert is_supported(RideSerializer())
    assert is_supported(RideSerializer(many=True))
    assert not is_supported(serializers.ListSerializer)
    assert not is_supported(serializers.CharField())
