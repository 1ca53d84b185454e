"""Is a token an Arabic word? The word list first, then a morphological analyser, with verdicts cached.

wordfreq's list holds the forms the web happens to use; it misses regular derivations («الإقراضية»)
and classical words, and its rare tail holds junk (shuffled letters, run-together words). So a token
the list does not vouch for goes to qalsadi's analyser (over the arramooz dictionary, by the author
of pyarabic), which answers from Arabic morphology: proclitics, a stem on a known pattern, enclitics.

Verdicts are cached on disk beside the word list (one line per word, appended), so qalsadi is
imported only when an article holds a word never analysed before, and an ordinary run imports
nothing. Without qalsadi installed, `analyse` answers None and callers fall back to the list alone.
"""

from __future__ import annotations

from functools import lru_cache

from .arabic import clitic_splits, fold, strip_marks
from .wordlist import arabic_words, cache_dir, common_words, exact_words, known_stem

_VERSION = "1"  # bump when the verdict's meaning changes

WORD, PROPER, UNKNOWN = "w", "n", "-"

# Pronoun suffixes. The article never takes one: «الكتابه» may be a ta-marbuta slip, but «الناثي»
# read as ال + ناث + ي (my) is no Arabic word.


def _verdict_path():
    return cache_dir() / f"morph-qalsadi-{_VERSION}.tsv"


class _Verdicts:
    """The on-disk cache: read once per process, appended to as new words are analysed."""

    def __init__(self):
        self.known: dict[str, str] | None = None
        self._analyser = None
        self.available = True
        # The file's text, searched word by word until enough words have been asked for to pay for
        # building the dict: one article asks about a few dozen of the tens of thousands of verdicts,
        # and building the dict cost a tenth of a cold start.
        self._text: str | None = None
        self._searches = 0

    def _read(self) -> str:
        try:
            with open(_verdict_path(), encoding="utf-8") as handle:
                return "\n" + handle.read()
        except OSError:
            return ""

    def _load(self):
        text = self._text if self._text is not None else self._read()
        self._text = None
        self.known = {}
        for line in text.split("\n"):
            word, _, verdict = line.partition("\t")
            if verdict:
                self.known[word] = verdict

    _SEARCHES = 100  # words looked up in the text (some 0.1 ms each) before the dict is built (10 ms)

    def _get(self, word: str) -> str | None:
        """The word's verdict: from the dict, or while it is not built, from the text (the last
        line for the word wins, as in the dict)."""
        if self.known is None:
            if self._text is None:
                self._text = self._read()
            self._searches += 1
            if self._searches > self._SEARCHES or "\t" in word or "\n" in word:
                self._load()
            else:
                at = self._text.rfind(f"\n{word}\t")
                if at < 0:
                    return None
                start = at + len(word) + 2
                end = self._text.find("\n", start)
                verdict = self._text[start:] if end < 0 else self._text[start:end]
                if verdict:
                    return verdict
                self._load()  # a line without a verdict (a write cut short): the dict decides
        return self.known.get(word)

    def _analyse_one(self, word: str) -> str:
        results = self._analyser.check_word(word)
        kinds = {getattr(r, "type", None) or r.__dict__.get("type", "") for r in results}
        kinds.discard("unknown")
        if not kinds:
            return UNKNOWN
        return PROPER if all("noun_prop" in k for k in kinds) else WORD

    def lookup(self, words) -> dict[str, str | None]:
        out, missing = {}, []
        for word in words:
            verdict = self._get(word)
            if verdict is None:
                missing.append(word)
            else:
                out[word] = verdict
        if missing and self.available:
            if self._analyser is None:
                try:
                    import qalsadi.analex
                except ImportError:
                    self.available = False
                else:
                    self._analyser = qalsadi.analex.Analex()
            if self._analyser is not None:
                fresh = {word: self._analyse_one(word) for word in missing}
                if self.known is None:
                    self._load()
                self.known.update(fresh)
                out.update(fresh)
                self._append(fresh)
        for word in missing:
            out.setdefault(word, None)
        return out

    @staticmethod
    def _append(fresh: dict[str, str]) -> None:
        # One write per batch, opened for appending: parallel workers may add the same word twice,
        # which is harmless, and never interleave inside a line of this size.
        try:
            path = _verdict_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("".join(f"{w}\t{v}\n" for w, v in fresh.items()))
        except OSError:
            pass


_VERDICTS = _Verdicts()


def analyse(words) -> dict[str, str | None]:
    """The analyser's verdict on each word (marks stripped, not folded): WORD, PROPER (only a proper
    noun in the dictionary), UNKNOWN, or None when no analyser is installed."""
    return _VERDICTS.lookup(dict.fromkeys(words))


# --- The word list, asked without folding hamza ----------------------------------------------------

# A small cache: the word-list check asks once per distinct word of the run (its own table keeps
# the answer), so a run-sized cache here would hold tens of thousands of entries for few hits.
@lru_cache(maxsize=1 << 12)
def list_status(token: str) -> str:
    """How the word list knows a token (marks stripped): "common" (a frequent form as it stands),
    "exact" (the form or its clitic reading, spelled as written), "folded" (only after merging hamza,
    alef and ya forms), or "" (not at all). A reading that joins the article to a pronoun suffix is
    never accepted."""
    if fold(token) in common_words() and token in exact_words():
        return "common"
    for words, norm, status in ((exact_words(), _same, "exact"), (arabic_words(), fold, "folded")):
        if norm(token) in words:
            return status
        for proclitic, stem in clitic_splits(token):
            if proclitic and known_stem(stem, words, norm, "ال" in proclitic or proclitic.endswith("لل")):
                return status
            if not proclitic and known_stem(stem, words, norm, False):
                return status
    return ""


def _same(text: str) -> str:
    return text


# --- Anagrams ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _anagram_keys() -> frozenset:
    """The sorted letters of every core form (zipf 4.5 and above): a shuffled word rearranges into
    one of them. Core, not merely common: among 50,000 common forms, five-letter multisets collide so
    often that real rare words (طواقم, شعبوية) would rearrange into some common one."""
    from .wordlist import core_words

    words = core_words()
    path = words.path.with_suffix(".core-anagrams")
    try:
        return frozenset(path.read_text(encoding="utf-8").split("\n"))
    except OSError:
        pass
    keys = sorted({"".join(sorted(w)) for w in words.all() if len(w) >= 4})
    try:
        from .fixes import write_atomic

        write_atomic(path, "\n".join(keys).encode("utf-8"))
    except OSError:
        pass
    return frozenset(keys)


def anagram_of_core(token: str) -> bool:
    """Do the token's letters (folded) rearrange into a core word of news Arabic?"""
    folded = fold(strip_marks(token))
    return "".join(sorted(folded)) in _anagram_keys()

