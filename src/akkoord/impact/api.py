"""The results of a deal as JSON (the IATI results model); the API schema documents the shape."""

from __future__ import annotations

from rest_framework import serializers


class _Part(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)


class _Actual(_Part):
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)
    is_example = serializers.BooleanField()


class _Period(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    target = _Part(allow_null=True)
    actual = _Actual(allow_null=True, help_text="Only approved values.")


class _Baseline(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField(allow_null=True)
    comment = serializers.CharField(allow_blank=True)


class _Indicator(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    measure = serializers.CharField(
        help_text="IATI IndicatorMeasure: 1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative."
    )
    unit = serializers.CharField(allow_blank=True)
    ascending = serializers.BooleanField()
    cumulative = serializers.BooleanField()
    baseline = _Baseline(allow_null=True)
    periods = _Period(many=True)


class _Result(serializers.Serializer):
    type = serializers.CharField(help_text="IATI ResultType: 1 output, 2 outcome, 3 impact, 9 other.")
    level = serializers.CharField(allow_blank=True, help_text="Level in the theory of change.")
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    indicators = _Indicator(many=True)


class _Participant(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.CharField(help_text="IATI OrganisationType.")
    role = serializers.CharField(help_text="IATI OrganisationRole: 2 accountable, 4 implementing.")


class ResultsSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    status = serializers.CharField(help_text="IATI ActivityStatus.")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    participants = _Participant(many=True)
    results = _Result(many=True)
