"""What every blueprint reaches through the app: the settings, the store and the cache."""

from __future__ import annotations

from flask import current_app

from ..config import Settings
from ..representations import RepresentationCache
from ..store.base import Store


def settings() -> Settings:
    return current_app.config["SETTINGS"]


def store() -> Store:
    return current_app.extensions["store"]


def representations() -> RepresentationCache:
    return current_app.extensions["representations"]


def base() -> str:
    return settings().base_uri
