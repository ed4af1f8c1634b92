"""The theme's tokens reach what the browser draws: a button, the page font and the
chart colours change when the setting switches the theme, and no page needs a style
the Content-Security-Policy forbids (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

pytestmark = pytest.mark.e2e

PAGE = "/deals/impact-van-soesterberg/"


def _drawn(page: Any, url: str) -> dict[str, str]:
    page.goto(url)
    return page.evaluate(
        """() => {
          const style = (sel, prop) => {
            const e = document.querySelector(sel);
            return e ? getComputedStyle(e)[prop] : '';
          };
          const token = name => getComputedStyle(document.body).getPropertyValue(name).trim();
          return {
            button: style(
              '.utrecht-button--primary-action, .utrecht-button-link--primary-action', 'backgroundColor'),
            font: style('body', 'fontFamily'),
            chartText: style('svg.chart text', 'fontFamily'),
            bar: style('svg.chart .chart-fill-1', 'fill'),
            token: token('--akkoord-chart-color-1'),
          };
        }"""
    )


def test_the_theme_setting_changes_what_is_drawn(page: Any, live_server: Any, demo: Any) -> None:
    own = _drawn(page, live_server.url + "/deals/")
    assert own["button"] == "rgb(31, 95, 139)"  # Akkoord's accent, #1f5f8b
    assert own["font"].startswith('"Segoe UI"')
    with override_settings(AKKOORD_THEME="utrecht"):
        utrecht = _drawn(page, live_server.url + "/deals/")
    assert utrecht["button"] != own["button"]
    assert "Noto Sans" in utrecht["font"]


def test_charts_take_the_page_font_and_the_theme_palette(page: Any, live_server: Any, demo: Any) -> None:
    drawn = _drawn(page, live_server.url + PAGE)
    assert drawn["chartText"] == drawn["font"]
    assert drawn["token"] == "#0072b2" and drawn["bar"] == "rgb(0, 114, 178)"
    legend = page.locator("#partners .chart-legend, #commitments .chart-legend")
    assert legend.count() >= 1
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(live_server.url + PAGE)
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.chart-legend')).fontSize)"
    )
    assert size >= 12  # the legend is page text, not a drawing shrunk to a phone's width
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
