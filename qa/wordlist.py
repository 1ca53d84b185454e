"""The Arabic word list: is a token a known Arabic word?

The list is wordfreq's large Arabic list (620,701 forms with their clitics attached, pip-installable),
folded with tadqiq's matching normalisation and written once to a sorted file in the user's cache.
Later runs binary-search that file through mmap, so a check of one article neither imports wordfreq
nor builds a 500,000-word set: the cost is a few microseconds per distinct token.
"""

from __future__ import annotations

import hashlib
import mmap
import os
from functools import lru_cache
from pathlib import Path

from .arabic import FOLD_TABLE, fold

_FORMAT = "3"  # bump when the folding or the file layout changes


from .rxcache import cache_dir  # noqa: E402, F401  (the one cache directory; re-exported)


def _cache_key() -> str:
    # The word list's own file identifies it; importlib.metadata would cost 25 ms of every start.
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    try:
        data = Path(spec.submodule_search_locations[0]) / "data" / "large_ar.msgpack.gz"
        stat = data.stat()
        source = f"{stat.st_size}-{stat.st_mtime_ns}"
    except (AttributeError, TypeError, OSError):
        source = "missing"
    table = repr(sorted(FOLD_TABLE.items())).encode()
    return f"ar-large-{source}-{_FORMAT}-{hashlib.sha1(table).hexdigest()[:10]}"


# Words at least this frequent (zipf 3: once per million words) are "common": the parts a glued
# token is split into must be common, or rare junk in the list would explain away any non-word.
COMMON_FREQUENCY = 1e-6
# Words at least this frequent (zipf 4.5) are core vocabulary: two core words that differ by a long
# vowel (مكتب/مكاتب, مشروع/مشاريع) are different words, not two spellings of one name.
CORE_FREQUENCY = 10 ** (4.5 - 9)


def _build(path: Path) -> None:
    import regex
    from wordfreq import get_frequency_dict

    from .arabic import strip_marks
    from .fixes import write_atomic

    arabic = regex.compile(r"[\p{scx=Arabic}&&\p{L}]+", regex.V1)
    frequencies = {w: f for w, f in get_frequency_dict("ar", wordlist="large").items() if arabic.fullmatch(w)}
    path.parent.mkdir(parents=True, exist_ok=True)
    common = sorted({fold(w).encode("utf-8") for w, f in frequencies.items() if f >= COMMON_FREQUENCY})
    write_atomic(path.with_suffix(".common"), b"\n".join(common))
    core = sorted({fold(w).encode("utf-8") for w, f in frequencies.items() if f >= CORE_FREQUENCY})
    write_atomic(path.with_suffix(".core"), b"\n".join(core))
    write_atomic(path, b"\n".join(sorted({fold(w).encode("utf-8") for w in frequencies})))
    # As spelled, hamza kept: whether a form exists must not depend on folding (qa/morph.py).
    write_atomic(path.with_suffix(".exact"), b"\n".join(sorted({strip_marks(w).encode("utf-8") for w in frequencies})))


class SortedWordFile:
    """Membership in a sorted newline-separated UTF-8 word file.

    The file is turned once per installation into a MARISA trie beside it (1.3 MB for the 500,000
    folded forms, against 60 MB and a second of start-up for a Python set), which later runs
    memory-map: opening it costs nothing and a look-up is a C call. Without marisa-trie, the file
    is binary-searched through mmap, and after LOAD_AFTER look-ups read into a set."""

    LOAD_AFTER = 20_000

    def __init__(self, path: Path):
        self.path = path
        self._trie = _open_trie(path)
        if self._trie is not None:
            return
        with open(path, "rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        self._size = len(self._map)
        self._lookups = 0
        self._set: frozenset | None = None

    def __contains__(self, word: str) -> bool:
        if self._trie is not None:
            return word in self._trie
        if self._set is not None:
            return word in self._set
        self._lookups += 1
        if self._lookups > self.LOAD_AFTER:
            self._set = frozenset(self._map[:].decode("utf-8").split("\n"))
            return word in self._set
        key, data = word.encode("utf-8"), self._map
        lo, hi = 0, self._size
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", lo, mid) + 1 or lo
            end = data.find(b"\n", mid, hi)
            if end == -1:
                end = hi
            line = data[start:end]
            if line == key:
                return True
            if line < key:
                lo = end + 1
            else:
                hi = start
        return False


    def all(self) -> list[str]:
        return self.path.read_bytes().decode("utf-8").split("\n")


def _open_trie(path: Path):
    """The memory-mapped MARISA trie of a word file, built beside it on first use; None when
    marisa-trie is not installed or the trie cannot be written or read."""
    try:
        import marisa_trie
    except ImportError:
        return None
    trie_path = Path(str(path) + ".marisa")
    try:
        if not trie_path.exists():
            words = path.read_bytes().decode("utf-8").split("\n")
            tmp = trie_path.with_name(f".{trie_path.name}.{os.getpid()}.tmp")
            marisa_trie.Trie(w for w in words if w).save(str(tmp))
            os.replace(tmp, trie_path)
        return marisa_trie.Trie().mmap(str(trie_path))
    except Exception:  # an unwritable cache or a damaged trie costs speed, not correctness
        return None


class WordListUnavailable(Exception):
    pass


@lru_cache(maxsize=1)
def _word_files() -> tuple[SortedWordFile, SortedWordFile, SortedWordFile, SortedWordFile]:
    path = cache_dir() / f"{_cache_key()}.words"
    if not all(path.with_suffix(s).exists() for s in (".words", ".common", ".core", ".exact")):
        try:
            _build(path)
        except ImportError as exc:
            raise WordListUnavailable(f"the Arabic word list needs the 'wordfreq' package ({exc})") from None
        except OSError:
            # An unwritable cache still works: build into a temporary directory for this process.
            import tempfile

            path = Path(tempfile.mkdtemp(prefix="tadqiq-")) / path.name
            _build(path)
    return (SortedWordFile(path), SortedWordFile(path.with_suffix(".common")), SortedWordFile(path.with_suffix(".core")),
            SortedWordFile(path.with_suffix(".exact")))


def arabic_words() -> SortedWordFile:
    """Every Arabic form in the list, folded."""
    return _word_files()[0]


def common_words() -> SortedWordFile:
    """Forms seen at least once per million words, folded."""
    return _word_files()[1]


def core_words() -> SortedWordFile:
    """Forms at zipf 4.5 or above: the core vocabulary of news Arabic, folded."""
    return _word_files()[2]


def exact_words() -> SortedWordFile:
    """Every Arabic form in the list as spelled (marks stripped, nothing folded)."""
    return _word_files()[3]


def is_core(word: str) -> bool:
    from .arabic import strip_marks

    return fold(strip_marks(word)) in core_words()


def is_common(word: str) -> bool:
    from .arabic import strip_marks

    return fold(strip_marks(word)) in common_words()


# Pronoun suffixes, and the dual and plural endings the list does not always carry (المخرجتان).
_SUFFIXES = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك", "ي")
_ENDINGS = ("تان", "تين", "ان", "ين", "ون", "ات")


def _known_stem(stem: str, words) -> bool:
    """stem is stripped of marks but not folded, so a final ة is still told apart from a suffix ه."""
    if fold(stem) in words or fold("ال" + stem) in words:
        return True
    for suffix in _SUFFIXES + _ENDINGS:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
            base = stem[: -len(suffix)]
            # A ta marbuta is written ت before a suffix or ending: سفارتهم, المخرجتان.
            candidates = [base, base[:-1] + "ة"] if base.endswith("ت") else [base]
            if suffix in _ENDINGS:
                # Dual and plural endings belong to nouns and adjectives, which take the article;
                # requiring that keeps glued junk in the list (ماحدث) from vouching for ماحدثات.
                candidates.append(base + "ة")
                if any(fold("ال" + c) in words for c in candidates if len(c) >= 3):
                    return True
            elif any(fold(c) in words or fold("ال" + c) in words for c in candidates):
                return True
    return False


@lru_cache(maxsize=1 << 16)  # a corpus of 2,000 articles has 58,000 distinct words
def is_known(token: str) -> bool:
    """True if the token, with its proclitics and a pronoun suffix or dual/plural ending allowed,
    is in the word list. Lookups are folded, so a hamza or ya slip does not make a word unknown."""
    from .arabic import clitic_splits, strip_marks

    words = arabic_words()
    stripped = strip_marks(token)
    if fold(stripped) in words:
        return True
    return any(_known_stem(stem, words) for _, stem in clitic_splits(stripped))


# The per-run memo of is_known, for per-distinct-word callers: `known_word[word]`.
from .arabic import WordMemo  # noqa: E402

known_word = WordMemo(is_known)
