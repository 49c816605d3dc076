"""The application factory: builds the store once, then registers one blueprint per interface."""

from __future__ import annotations

from flask import Flask

from .config import Settings
from .dataset import dataset_quads, version_of_files
from .representations import RepresentationCache
from .store.base import Store
from .store.embedded import EmbeddedStore
from .store.remote import RemoteStore
from .validation import ValidationReport, validate_files
from .web.http_cache import HttpCache


def build_store(settings: Settings) -> Store:
    if settings.store_url:
        return RemoteStore(
            settings.store_url,
            settings.graph_iri,
            timeout_s=settings.query_timeout_s,
            max_rows=settings.max_result_rows,
            allowed_services=settings.allowed_services,
        )
    version = version_of_files(settings.data_files, settings.base_uri)
    return EmbeddedStore(
        dataset_quads(settings.data_files, settings.base_uri),
        version,
        settings.graph_iri,
        settings.store_path,
        query_workers=settings.query_workers,
        workers_in_memory=settings.workers_in_memory,
        timeout_s=settings.query_timeout_s,
        max_rows=settings.max_result_rows,
        allowed_services=settings.allowed_services,
    )


def create_app(
    settings: Settings | None = None, store: Store | None = None, validation: ValidationReport | None = None
) -> Flask:
    """An app serving ``settings.data_files`` (or ``store``). ``validation`` is the SHACL report of
    exactly that data, published at /dataset/validation; it is computed here when not given."""
    settings = settings or Settings()
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static")
    app.config["SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.extensions["store"] = store or build_store(settings)
    app.extensions["representations"] = RepresentationCache()
    app.extensions["validation"] = validation or validate_files(settings.data_files, settings.base_uri)

    from .web import errors, linked_data, observability, openapi, pages, sparql
    from .web.views import template_helpers

    app.jinja_env.globals.update(template_helpers(settings.base_uri))

    errors.init_app(app)
    observability.init_app(app)
    app.register_blueprint(observability.blueprint)
    app.register_blueprint(openapi.blueprint)
    app.register_blueprint(pages.blueprint)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(linked_data.blueprint)
    app.wsgi_app = HttpCache(app.wsgi_app, app.extensions["store"].data_version)
    return app
