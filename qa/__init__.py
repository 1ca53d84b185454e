"""tadqiq (تدقيق): a checker for Arabic news copy.

The public API is small and stable::

    from qa import check_text, check_paths, Finding, Document

Heavy modules load on first use so that ``import qa`` stays cheap for a pre-commit hook.
"""

__version__ = "0.1.0"

__all__ = ["Config", "Document", "Finding", "__version__", "check_paths", "check_text"]


def __getattr__(name):
    # Lazy re-exports: importing qa must not compile packs or load word lists.
    if name in ("check_text", "check_paths"):
        from . import engine

        return getattr(engine, name)
    if name == "Finding":
        from .findings import Finding

        return Finding
    if name == "Document":
        from .document import Document

        return Document
    if name == "Config":
        from .config import Config

        return Config
    raise AttributeError(f"module 'qa' has no attribute {name!r}")
