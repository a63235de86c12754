"""migkg: a knowledge graph of migration policy insights from rapporteur reports.

``migkg.open(store)`` gives a :class:`migkg.api.Database` for notebooks and scripts.
"""

__version__ = "0.1.0"

__all__ = ["Database", "__version__", "open"]


def __getattr__(name: str):
    # Imported on first use, so `import migkg` (and every worker process) stays light.
    if name in ("open", "Database"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'migkg' has no attribute {name!r}")
