"""The production settings, plus the bare view that benchmarks/load.py compares pages with."""

from akkoord.config.settings.production import *  # noqa: F403

ROOT_URLCONF = "load_urls"
