"""The pages are built from NL Design System components, themed by a token set that a
setting switches (issue 11): Akkoord's own theme, the Utrecht reference theme, or an
organisation's own token file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.checks import run_checks
from django.test import override_settings

from akkoord.web import charts, themes

pytestmark = pytest.mark.django_db


def _links(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)


def _body_class(html: str) -> str:
    return re.search(r'<body class="([^"]*)"', html).group(1)


def test_the_default_theme_is_akkoords_token_set_on_the_utrecht_components(client) -> None:
    html = client.get("/deals/").content.decode()
    links = _links(html)
    assert links == [
        "/static/vendor/utrecht/index.css",
        "/static/vendor/utrecht-tokens/theme.css",
        "/static/akkoord/theme-akkoord.css",
        "/static/akkoord/akkoord.css",
    ]
    assert _body_class(html).split() == [
        "utrecht-document",
        "utrecht-document--surface",
        "utrecht-theme",
        "akkoord-theme",
    ]
    for link in links:  # every stylesheet is served: from node_modules or from the app
        assert finders.find(link.removeprefix("/static/")), link
    # The pages use the components, not look-alike classes of their own.
    for component in (
        "utrecht-page-header",
        "utrecht-nav-list",
        "utrecht-form-field",
        "utrecht-textbox",
        "utrecht-select",
        "utrecht-button--primary-action",
        "utrecht-heading-1",
        "utrecht-page-footer",
    ):
        assert component in html, component


def test_only_the_listed_package_files_are_served() -> None:
    assert finders.find("vendor/utrecht/index.css")
    assert not finders.find("vendor/utrecht-tokens/index.json")  # in the package, not listed
    assert not finders.find("vendor/utrecht/../../package.json")


@override_settings(AKKOORD_THEME="utrecht")
def test_a_setting_switches_to_the_utrecht_theme(client) -> None:
    html = client.get("/deals/").content.decode()
    assert "/static/akkoord/theme-akkoord.css" not in _links(html)
    assert _body_class(html).split()[-1] == "utrecht-theme"


def test_an_organisation_brings_its_own_token_file(client, tmp_path: Path) -> None:
    sheet = tmp_path / "gemeente-voorbeeld.css"
    sheet.write_text(
        ".gemeente-voorbeeld-theme { --utrecht-button-primary-action-background-color: #007a3d; }"
    )
    with override_settings(
        AKKOORD_THEME="custom",
        AKKOORD_THEME_CSS=str(sheet),
        AKKOORD_THEME_CLASS="gemeente-voorbeeld-theme",
        STATICFILES_DIRS=[("theme", str(tmp_path))],
    ):
        finders.get_finder.cache_clear()
        try:
            html = client.get("/deals/").content.decode()
            assert "/static/theme/gemeente-voorbeeld.css" in _links(html)
            assert "gemeente-voorbeeld-theme" in _body_class(html).split()
            assert finders.find("theme/gemeente-voorbeeld.css") == str(sheet)
            assert not [e for e in run_checks() if e.id.startswith("akkoord.E1")]
        finally:
            finders.get_finder.cache_clear()


@pytest.mark.parametrize(
    ("settings_", "code"),
    [
        ({"AKKOORD_THEME": "paars"}, "akkoord.E100"),
        (
            {
                "AKKOORD_THEME": "custom",
                "AKKOORD_THEME_CSS": "/nowhere.css",
                "AKKOORD_THEME_CLASS": "x-theme",
            },
            "akkoord.E101",
        ),
        (
            {"AKKOORD_THEME": "custom", "AKKOORD_THEME_CSS": __file__, "AKKOORD_THEME_CLASS": '"><script>'},
            "akkoord.E102",
        ),
    ],
)
def test_a_wrong_theme_setting_stops_the_start_with_a_clear_message(
    settings_: dict[str, str], code: str
) -> None:
    with override_settings(**settings_):
        errors = themes.check_theme(None)
    assert [e.id for e in errors] == [code]
    assert "AKKOORD_THEME" in errors[0].msg


def test_form_widgets_carry_their_component_and_keep_their_own_classes() -> None:
    from django import forms

    class F(forms.Form):
        name = forms.CharField(widget=forms.TextInput(attrs={"class": "wide"}))
        kind = forms.ChoiceField(choices=[("a", "A")])
        text = forms.CharField(widget=forms.Textarea)
        sure = forms.BooleanField()
        many = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)

    f = F()
    assert 'class="utrecht-textbox utrecht-textbox--html-input wide"' in str(f["name"])
    assert str(f["name"]).count("class=") == 1
    assert 'class="utrecht-select utrecht-select--html-select"' in str(f["kind"])
    assert "<option" in str(f["kind"]) and 'option value="a" class' not in str(f["kind"])
    assert 'class="utrecht-textarea utrecht-textarea--html-textarea"' in str(f["text"])
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in str(f["sure"])
    assert 'class="utrecht-checkbox utrecht-checkbox--html-input"' in str(f["many"])


def test_chart_colours_are_theme_classes_and_the_legend_is_text() -> None:
    svg = charts.paired_bar_chart(
        "Toegezegd en geleverd",
        ("A", "B"),
        (1.0, 2.0),
        (0.5, 2.5),
        ("toegezegd", "geleverd"),
        "euro",
        "Bron: voorbeeld",
    )
    assert 'class="chart-fill-1"' in svg and 'class="chart-fill-2"' in svg
    legend = svg[svg.index('<ul class="chart-legend">') :]
    assert "toegezegd" in legend and "geleverd" in legend
    assert "toegezegd" not in svg[: svg.index("</svg>")]  # not drawn small inside the picture
    assert svg.startswith('<div class="chart-scroll" tabindex="0" role="region"')


def test_numbers_on_charts_follow_the_readers_language() -> None:
    from django.utils import translation

    with translation.override("nl"):
        nl = charts.bar_chart("Strekking", ("a", "b"), (10.1695, 12500.0), "procent", "Bron: voorbeeld")
    with translation.override("en"):
        en = charts.bar_chart("Stretch", ("a", "b"), (10.1695, 12500.0), "percent", "Source: example")
    assert " 10,2<" in nl and " 12.500<" in nl and "10.1695" not in nl
    assert " 10.2<" in en and " 12,500<" in en
