"""Serializer base: the model's own validation (full_clean) and choices limited to the user's scope."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework import serializers

from tashil.core import scope

from . import fields as api_fields
from .exceptions import django_to_drf


class TashilModelSerializer(serializers.ModelSerializer):
    """Runs ``Model.full_clean`` on the would-be instance, so the API refuses what the forms refuse; dates and
    JSON go through the core fields, so what the model could not take is a 400, not a server error."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateField: api_fields.DateField,
        models.JSONField: api_fields.JSONField,
    }

    url = serializers.SerializerMethodField()

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if field_class is api_fields.JSONField and model_field.default in (list, dict):
            field_kwargs["shape"] = model_field.default
        return field_class, field_kwargs

    def get_url(self, obj) -> str | None:
        request = self.context.get("request")
        try:
            path = obj.get_absolute_url()
        except Exception:  # a model without a page
            return None
        return request.build_absolute_uri(path) if request else path

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return fields
        for field in fields.values():
            target = getattr(field, "child_relation", field)
            queryset = getattr(target, "queryset", None)
            if queryset is not None and hasattr(queryset, "for_user"):
                target.queryset = queryset.for_user(user, "view")
        return fields

    def reader(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def to_representation(self, instance):
        """Without the internal fields the reader may not read (scope.hidden_fields)."""
        data = super().to_representation(instance)
        user = self.reader()
        if user is not None:
            for name in scope.hidden_fields(user, instance):
                data.pop(name, None)
        return data

    def validate(self, attrs):
        user = self.reader()
        if user is not None:
            hidden = set(attrs) & set(scope.hidden_fields(user, self.instance or self.Meta.model()))
            if hidden:
                raise serializers.ValidationError(
                    {name: ["این بخش داخلی است و شما نمی‌توانید آن را بنویسید."] for name in sorted(hidden)}
                )
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = self.instance if self.instance is not None else model()
        for key, value in attrs.items():
            if not model._meta.get_field(key).many_to_many:
                setattr(instance, key, value)
        try:
            instance.full_clean(exclude=self.full_clean_exclude, validate_unique=True)
        except DjangoValidationError as error:
            raise django_to_drf(error) from error
        # clean() may derive fields (a membership's province from its county): carry them into the save.
        for name in self.derived_fields:
            attrs[name] = getattr(instance, name)
        return attrs

    derived_fields = ()
    full_clean_exclude = None
    # The app's event that saves an object (``staticmethod(services.save_…)``, called ``event(obj, user=…)``):
    # the API's create and update go through it as the page's form does; many-to-many values are set after it.
    event = None

    def create(self, validated_data):
        if self.event is None:
            return super().create(validated_data)
        many = self.pop_many(validated_data)
        return self.set_many(self.event(self.Meta.model(**validated_data), user=self.reader()), many)

    def update(self, instance, validated_data):
        if self.event is None:
            return super().update(instance, validated_data)
        many = self.pop_many(validated_data)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        return self.set_many(self.event(instance, user=self.reader()), many)

    def pop_many(self, validated_data):
        fields = self.Meta.model._meta
        return {name: validated_data.pop(name) for name in list(validated_data) if fields.get_field(name).many_to_many}

    def set_many(self, instance, many):
        for name, values in many.items():
            getattr(instance, name).set(values)
        return instance


def scoped_save_check(user, instance, action):
    """After a save through the API: the result must still be in the user's scope for the action."""
    if not scope.reaches(user, instance, action):
        raise serializers.ValidationError({"non_field_errors": ["این مورد بیرون از حوزه دسترسی شما قرار می‌گیرد."]})
