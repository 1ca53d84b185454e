"""tadqiq as datatrove pipeline steps, for data teams cleaning Arabic web corpora at scale.

    pip install 'tadqiq[datatrove]'

- `TadqiqAnnotator` runs the selected packs on each document and writes a compact summary into
  `doc.metadata["tadqiq"]`; `stats.json` gets findings per pack and severity.
- `TadqiqFilter` drops documents by a policy (errors, findings per 1,000 words, boilerplate share)
  and names the reason, so datatrove counts `dropped_<reason>` and an exclusion writer keeps them.
- `TadqiqCleaner` removes boilerplate lines, as `qa clean` does.
- A step that would leave a document empty drops it, or with `keep_emptied=True` keeps it as it
  was (flagged `tadqiq_emptied` in its metadata): datatrove's writers leave out an empty `text`,
  and a record without its text breaks the readers downstream.
- `BoilerplateSignatures` → `BoilerplateMerge` → `BoilerplateStripper`: corpus mode's "a line seen
  in at least T documents is site furniture", as three stages that scale past one machine's memory.
  Lines are normalised and hashed exactly as corpus mode does (`qa.kinds.repetition`).

The executors (Local, Slurm, Ray) pickle the steps into their workers; each step builds its
engine lazily in the worker, never in the pickle.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from datatrove.data import DocumentsPipeline
from datatrove.io import DataFolderLike, get_datafolder
from datatrove.pipeline.base import PipelineStep
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

from ..config import Config
from ..engine import get_engine, make_document
from ..findings import SEVERITIES

SIGNATURE_SUFFIX = ".tq_sig"
BOILERPLATE_SUFFIX = ".tq_lines"
_HASH = np.dtype("<u8")  # little-endian uint64 on every machine, so shards move between them
_BLOCK = 1 << 20  # hashes compared at a time in the merge stage


def _read_into(handle, target: np.ndarray) -> None:
    """Fill target from a binary file without an intermediate copy of the whole file."""
    view = memoryview(target.view(np.uint8))
    done = 0
    while done < len(view):
        got = handle.readinto(view[done:]) if hasattr(handle, "readinto") else None
        if got is None:  # a file object without readinto
            data = handle.read(len(view) - done)
            got = len(data)
            view[done:done + got] = data
        if not got:
            raise OSError(f"signature file ended early ({done} of {len(view)} bytes)")
        done += got


class _Checking:
    """A lazily built engine with these settings, rebuilt in each worker process."""

    def _setup_checking(self, select=(), ignore=(), date=None, date_key: str | None = "date", rules_dirs=()):
        self.config = Config(select=tuple(select), ignore=tuple(ignore), rules_dirs=tuple(rules_dirs))
        self.date = dt.date.fromisoformat(date) if isinstance(date, str) else date
        self.date_key = date_key
        self._engine = None

    @property
    def engine(self):
        if self._engine is None:
            self._engine = get_engine(self.config)
        return self._engine

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_engine"] = None
        return state

    def _date_of(self, doc):
        if self.date:
            return self.date
        value = doc.metadata.get(self.date_key) if self.date_key else None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                return None
        return None

    def check(self, doc):
        """(tadqiq Document, findings) for one datatrove document."""
        checked = make_document(doc.text, str(doc.id), self.config, self._date_of(doc))
        return checked, self.engine.check_document(checked)


def summarise(findings, words: int) -> dict:
    """Counts by pack and severity: the compact record a corpus keeps per document."""
    by_pack: dict[str, dict[str, int]] = {}
    by_severity = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        pack = by_pack.setdefault(f.pack, {})
        pack[f.severity] = pack.get(f.severity, 0) + 1
        by_severity[f.severity] += 1
    return {"findings": len(findings), "words": words, "by_severity": by_severity,
            "by_pack": {k: by_pack[k] for k in sorted(by_pack)}}


def _words(checked) -> int:
    from ..stats import word_count

    return word_count(checked.text)


class TadqiqAnnotator(_Checking, PipelineStep):
    """Runs the packs on each document; `doc.metadata["tadqiq"]` gets the counts (and, with
    keep_findings, every finding in the CLI's JSON form, without the path)."""

    name = "🔎 tadqiq annotator"
    type = "📊 - STATS"

    def __init__(self, select=(), ignore=(), date=None, date_key: str | None = "date", rules_dirs=(),
                 keep_findings: bool = False, metadata_key: str = "tadqiq"):
        super().__init__()
        self._setup_checking(select, ignore, date, date_key, rules_dirs)
        self.keep_findings = keep_findings
        self.metadata_key = metadata_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                checked, findings = self.check(doc)
                summary = summarise(findings, _words(checked))
            if self.keep_findings:
                summary["items"] = [{k: v for k, v in f.to_dict().items() if k != "path"} for f in findings]
            doc.metadata[self.metadata_key] = summary
            for pack, severities in summary["by_pack"].items():
                for severity, count in severities.items():
                    self.stat_update(f"{pack}/{severity}", value=count)
                self.stat_update(pack, value=sum(severities.values()))
            self.stat_update("findings", value=summary["findings"])
            yield doc


class TadqiqFilter(_Checking, BaseFilter):
    """Drops documents by policy. Any threshold left as None is not applied.

    max_errors           drop when the document has more error-severity findings than this
    max_per_1000_words   {pack id: warnings and errors per 1,000 words above which to drop}
    max_boilerplate_share  drop when boilerplate lines hold more than this share of the words
    """

    name = "🔎 tadqiq filter"

    def __init__(self, max_errors: int | None = 0, max_per_1000_words: dict | None = None,
                 max_boilerplate_share: float | None = None, select=(), ignore=(), date=None,
                 date_key: str | None = "date", rules_dirs=(), exclusion_writer: DiskWriter | None = None):
        super().__init__(exclusion_writer)
        self._setup_checking(select, ignore, date, date_key, rules_dirs)
        self.max_errors = max_errors
        self.max_per_1000_words = dict(max_per_1000_words or {})
        self.max_boilerplate_share = max_boilerplate_share

    def filter(self, doc) -> bool | tuple[bool, str]:
        from ..clean import line_level

        checked, findings = self.check(doc)
        if self.max_errors is not None and sum(f.severity == "error" for f in findings) > self.max_errors:
            return False, "tadqiq_errors"
        words = _words(checked)
        for pack, limit in sorted(self.max_per_1000_words.items()):
            count = sum(f.pack == pack and f.severity != "info" for f in findings)
            if words and count * 1000 / words > limit:
                return False, f"tadqiq_{pack.replace('-', '_')}_density"
        if self.max_boilerplate_share is not None and words:
            covered = line_level(checked, findings)
            furniture = sum(len(checked.text[line.start:line.end].split()) for line in checked.lines if line.number in covered)
            if furniture / words > self.max_boilerplate_share:
                return False, "tadqiq_boilerplate_share"
        return True


class TadqiqCleaner(_Checking, PipelineStep):
    """Removes boilerplate lines from `doc.text`, with `qa clean`'s logic (the title stays)."""

    name = "🧹 tadqiq cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, date=None, date_key: str | None = "date", rules_dirs=(), keep_emptied: bool = False):
        super().__init__()
        self._setup_checking(("boilerplate",), (), date, date_key, rules_dirs)
        self.keep_emptied = keep_emptied

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from ..clean import clean_document

        for doc in data:
            with self.track_time():
                checked, findings = self.check(doc)
                result = clean_document(checked, findings)
            self.stat_update("documents")
            if result.removed_lines and not result.text.strip():
                if not _emptied(self, doc):
                    continue
            elif result.removed_lines:
                doc.text = result.text
                self.stat_update("documents_cleaned")
                self.stat_update("lines_removed", value=len(result.removed_lines))
                self.stat_update("words_removed", value=result.removed_words)
            doc.metadata["tadqiq_removed_lines"] = len(result.removed_lines)
            yield doc


def _emptied(step, doc) -> bool:
    """A document that cleaning would empty: counted, then kept unchanged (and flagged) when the
    step keeps emptied documents, else dropped. Returns whether to yield it."""
    step.stat_update("documents_emptied")
    if step.keep_emptied:
        doc.metadata["tadqiq_emptied"] = True
        return True
    step.stat_update("dropped_emptied")
    return False


# --- Cross-document boilerplate, in three stages ------------------------------------------------

def line_hashes(text: str, min_words: int) -> list[tuple[int, int]]:
    """(line number, 64-bit hash) of each comparable line, keyed as corpus mode keys it."""
    from ..document import Document
    from ..kinds.repetition import fingerprint, line_keys

    return [(line.number, fingerprint(key)) for line, key in line_keys(Document(text), min_words)]


def _line_start(page, number: int) -> int:
    """Offset of the first non-space character of a (1-based) line, as the classifier keys lines."""
    line = page.lines[number - 1]
    segment = page.text[line.start : line.end]
    return line.start + len(segment) - len(segment.lstrip())


def _bucket_of(hashes: np.ndarray, buckets: int) -> np.ndarray:
    # Buckets are equal ranges of the hash space (monotonic in the hash, so sorted hashes give
    # sorted buckets); the top 32 bits times the bucket count cannot overflow 64 bits.
    top = hashes >> np.uint64(32)
    return ((top * np.uint64(buckets)) >> np.uint64(32)).astype(np.int64)


class BoilerplateSignatures(PipelineStep):
    """Stage 1, per task: each document's line hashes, each once per document, written as sorted
    uint64 arrays, one file per (bucket, task, run). A run is at most max_in_memory hashes (8 bytes
    each): a task's memory stays that, however many documents it reads."""

    name = "🔑 tadqiq line signatures"
    type = "🫂 - DEDUP"

    def __init__(self, output_folder: DataFolderLike, buckets: int = 16, min_words: int = 3,
                 max_in_memory: int = 1 << 20):
        super().__init__()
        self.output_folder = get_datafolder(output_folder)
        self.buckets = buckets
        self.min_words = min_words
        self.max_in_memory = max_in_memory

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> None:
        # A last step: like datatrove's own signature stages, it writes files and yields nothing.
        buffer = np.empty(self.max_in_memory, dtype=_HASH)
        filled = runs = 0
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                unique = {h for _, h in line_hashes(doc.text, self.min_words)}
            if not unique:
                continue
            if filled + len(unique) > len(buffer):
                self._write_run(buffer[:filled], rank, runs)
                runs, filled = runs + 1, 0
                if len(unique) > len(buffer):
                    buffer = np.empty(len(unique), dtype=_HASH)
            buffer[filled:filled + len(unique)] = np.fromiter(unique, dtype=_HASH, count=len(unique))
            filled += len(unique)
            self.stat_update("line_occurrences", value=len(unique))
        if filled or not runs:
            self._write_run(buffer[:filled], rank, runs)

    def _write_run(self, hashes: np.ndarray, rank: int, run: int) -> None:
        # Sorted in place; a rerun of the task with the same input writes the same runs over them.
        hashes.sort()
        where = _bucket_of(hashes, self.buckets)
        bounds = np.searchsorted(where, np.arange(self.buckets + 1))
        for bucket in range(self.buckets):
            with self.output_folder.open(f"{bucket:04d}/{rank:05d}-{run:04d}{SIGNATURE_SUFFIX}", mode="wb") as handle:
                handle.write(hashes[bounds[bucket]:bounds[bucket + 1]].tobytes())


class BoilerplateMerge(PipelineStep):
    """Stage 2, per bucket: in how many documents each hash occurs; keep those in at least
    min_documents. Memory is the bucket's occurrences as one uint64 array (8 bytes each) plus a
    one-byte mask, never a Python dict. Run it with any number of tasks: task r takes the
    buckets b with b % tasks == r."""

    name = "🧮 tadqiq line counts"
    type = "🫂 - DEDUP"

    def __init__(self, data_folder: DataFolderLike, output_folder: DataFolderLike, min_documents: int = 3,
                 buckets: int = 16):
        super().__init__()
        self.data_folder = get_datafolder(data_folder)
        self.output_folder = get_datafolder(output_folder)
        self.min_documents = min_documents
        self.buckets = buckets

    def merge_bucket(self, bucket: int) -> np.ndarray:
        files = self.data_folder.list_files(subdirectory=f"{bucket:04d}", glob_pattern="*" + SIGNATURE_SUFFIX)
        sizes = [self.data_folder.size(path) // 8 for path in files]
        hashes = np.empty(sum(sizes), dtype=_HASH)
        cursor = 0
        for path, size in zip(files, sizes):
            with self.data_folder.open(path, mode="rb") as handle:
                _read_into(handle, hashes[cursor:cursor + size])
            cursor += size
        self.stat_update("line_occurrences", value=len(hashes))
        hashes.sort()
        # Each document contributes a hash at most once, so a hash is in at least T documents
        # exactly when, in sorted order, the copy T-1 places on is the same hash. Comparing block
        # by block keeps the extra memory to one block's mask, not a count per distinct hash.
        t, kept = max(1, self.min_documents), []
        last = len(hashes) - t + 1
        for start in range(0, max(0, last), _BLOCK):
            end = min(start + _BLOCK, last)
            block = hashes[start:end]
            kept.append(np.unique(block[block == hashes[start + t - 1:end + t - 1]]))
        return np.unique(np.concatenate(kept)) if kept else np.empty(0, dtype=_HASH)

    def run(self, data: DocumentsPipeline = None, rank: int = 0, world_size: int = 1) -> None:
        for bucket in range(rank, self.buckets, world_size):
            with self.track_time():
                kept = self.merge_bucket(bucket)
            self.stat_update("boilerplate_lines", value=len(kept))
            with self.output_folder.open(f"{bucket:04d}{BOILERPLATE_SUFFIX}", mode="wb") as handle:
                handle.write(kept.astype(_HASH).tobytes())


class BoilerplateStripper(PipelineStep):
    """Stage 3, per task: re-hash each document's lines and remove those in the merged set. It
    does not depend on reading order or on how stage 1 was sharded."""

    name = "✂️ tadqiq boilerplate stripper"
    type = "🫂 - DEDUP"

    def __init__(self, data_folder: DataFolderLike, min_words: int = 3, keep_emptied: bool = False,
                 guard_article: bool = True):
        super().__init__()
        self.data_folder = get_datafolder(data_folder)
        self.min_words = min_words
        self.keep_emptied = keep_emptied
        self.guard_article = guard_article
        self._boilerplate = None
        self._guard = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_boilerplate"] = None
        state["_guard"] = None
        return state

    @property
    def guard(self):
        """The line classifier that corpus mode uses to keep article text, from the built-in pack."""
        if self._guard is None:
            engine = get_engine(Config(select=("boilerplate/site-furniture",)))
            self._guard = next(r.state for r in engine.rules if r.id == "boilerplate/site-furniture")
        return self._guard

    @property
    def boilerplate(self) -> frozenset:
        if self._boilerplate is None:
            arrays = []
            for path in self.data_folder.list_files(glob_pattern="*" + BOILERPLATE_SUFFIX):
                with self.data_folder.open(path, mode="rb") as handle:
                    arrays.append(np.frombuffer(handle.read(), dtype=_HASH))
            self._boilerplate = frozenset(np.concatenate(arrays).tolist()) if arrays else frozenset()
        return self._boilerplate

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        from ..clean import drop_lines
        from ..document import Document

        from ..kinds.repetition import guarded_lines

        boilerplate = self.boilerplate
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                page = Document(doc.text)
                drop = [number for number, h in line_hashes(doc.text, self.min_words) if h in boilerplate]
                if drop and self.guard_article:
                    # A line the classifier calls article text stays, however often it repeats.
                    guarded = guarded_lines(page, self.guard)
                    kept = [n for n in drop if _line_start(page, n) in guarded]
                    if kept:
                        self.stat_update("article_lines_kept", value=len(kept))
                        drop = [n for n in drop if n not in set(kept)]
                if drop:
                    text, words = drop_lines(page, drop)
                    if not text.strip():
                        if not _emptied(self, doc):
                            continue
                        drop = []
                    else:
                        doc.text = text
            if drop:
                self.stat_update("documents_stripped")
                self.stat_update("lines_removed", value=len(drop))
                self.stat_update("words_removed", value=words)
            doc.metadata["tadqiq_boilerplate_lines"] = len(drop)
            yield doc
