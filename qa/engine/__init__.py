"""The engine: select rules, read files, run the rules over documents, and the corpus passes.

    paths -> walk (expand, read, decode, date) -> [corpus pass 1] -> core (rules over a Document
    -> Hits -> Findings) -> results in file order, serial or from worker processes

Each concern has its own home:

    selection.py  which rules run (--select/--ignore, per-path overrides, house style)
    walk.py       the file walk and decoding into Documents
    core.py       Engine: one document through the selected rules; Context for the kinds
    corpus.py     corpus-mode state (Corpus) and pass 1
    parallel.py   runs over many files: serial or in worker processes, same output
"""

from __future__ import annotations

from ..packs import PackError
from .core import EXCERPT_MAX, Context, Engine, OverBudget, RuleContext, check_text, format_message, get_engine
from .corpus import Corpus, build_corpus, wants_corpus
from .parallel import RunResult, check_paths, default_jobs, iter_checked
from .selection import UsageError
from .walk import TEXT_SUFFIXES, FileError, expand_paths, make_document, read_document

__all__ = ["EXCERPT_MAX", "TEXT_SUFFIXES", "Context", "Corpus", "Engine", "FileError", "OverBudget", "PackError",
           "RuleContext", "RunResult", "UsageError", "build_corpus", "check_paths", "check_text", "default_jobs",
           "expand_paths", "format_message", "get_engine", "iter_checked", "make_document", "read_document",
           "wants_corpus"]
