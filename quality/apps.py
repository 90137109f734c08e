from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


def _register_sqlite_functions(sender, connection, **kwargs):
    # PostgreSQL has percentile_cont; the embedded SQLite gets the same median in Python.
    if connection.vendor == "sqlite":
        from .sql import SQLiteMedian

        connection.connection.create_aggregate("quality_median", 1, SQLiteMedian)


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Quality")

    def ready(self):
        connection_created.connect(_register_sqlite_functions, dispatch_uid="quality_sqlite")
