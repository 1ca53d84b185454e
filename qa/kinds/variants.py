"""Kind `variant-spelling`: one spelling per name, within an article and across a corpus.

Each Arabic token is split into proclitics, a base and, after a nisba ي, an inflectional ending
(الأمريكيين -> ال + أمريكي + ين), so inflections of one spelling stay one spelling. Bases are grouped by a
transliteration key that forgives what transliteration varies: hamza and alef forms, ى/ي and ة/ه,
the letters that render one foreign sound (ج غ ك گ; ف ڤ; ب پ), doubled vowel letters (يي), and
long vowels inside the word (ترامب/ترمب). A group is two spellings of one name when
  * the house style (rules/lexicons/house-style.yaml) lists them, or
  * neither base is core vocabulary (two core words a long vowel apart, مكتب/مكاتب, are different
    words) and they agree closely once the sound classes are merged (ratio >= min_ratio).
Hamza seats carry vowels, so أ and إ spell different words (أنهما/إنهما); only a missing hamza
(ابراهيم/إبراهيم) is another spelling.

One spelling per run: the house form decides; without one, the corpus majority (in corpus mode),
else the article's. A spelling that another rule of the run reports (a missing or a wrong hamza) is
never suggested, and an occurrence that another rule already reports is left to that rule. Each
minority spelling is reported once, at its first use, with the counts; only the house style's
decision comes with a fix, never a majority vote.

  within  spellings that disagree inside one article
  corpus  spellings that disagree across the corpus (info), with counts per variant
  house   any spelling the house style does not prefer, even when used consistently (off by default)
"""

from __future__ import annotations

import difflib
import zlib
from array import array
from collections import Counter, defaultdict
from itertools import chain, compress, repeat
from operator import is_, itemgetter
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..rxcache import compile as rx

from ..arabic import WordMemo, bare_word, fold, has_marks, strip_marks
from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "mode": "within, corpus or house",
    "majority_from": "within: the corpus rule whose counts choose the spelling in corpus mode",
    "house_style": "path of the house-style table, relative to the pack",
    "min_ratio": "how closely two bases must agree once sound classes are merged (default 0.85)",
    "min_length": "shortest base considered, in letters (default 4)",
}

_ARTICLE = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال")
_SINGLE = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
_SINGLE_FIRST = frozenset(s[0] for s in _SINGLE)
# Endings are split only after the nisba ي (أمريكي+ين, أمريكي+ة): a name's own ending stays
# (بوتين is not بوت+ين, طهران not طهر+ان).
_ENDINGS = ("ين", "ون", "ات", "ان", "ة")
# ق stays itself: it is a native letter that transliteration rarely uses (تركي is not ترقى).
_SOUND = str.maketrans({"ج": "ك", "غ": "ك", "گ": "ك", "ڤ": "ف", "پ": "ب", "چ": "ك", "ژ": "ز"})
_DOUBLED_VOWEL = rx(r"([اوي])\1+")
_DOUBLED = ("اا", "وو", "يي")
_NO_VOWELS = str.maketrans(dict.fromkeys("اوي"))


def sound(base: str) -> str:
    """The base with sound classes merged and doubled vowel letters collapsed; vowels kept. Not
    memoised: key() is, and its other callers are memoised per pair of bases."""
    merged = fold(base).translate(_SOUND)
    # Most words double no vowel letter: three C-level searches spare them the regex.
    if not any(pair in merged for pair in _DOUBLED):
        return merged
    return _DOUBLED_VOWEL.sub(_first_group, merged)


def _first_group(m) -> str:
    return m.group(1)


def _key_of(base: str) -> str:
    merged = sound(base)
    return merged if len(merged) <= 2 else merged[0] + merged[1:-1].translate(_NO_VOWELS) + merged[-1]


# key(base): the transliteration key, sound() without long vowels inside the word (its first and
# last letters stay). A plain dict memo: a run holds tens of thousands of bases, and an lru_cache
# entry costs about three times a dict entry.
key = WordMemo(_key_of, 100_000).__getitem__


def split_token(token: str, standalone: frozenset) -> tuple[str, str, str]:
    """(proclitics, base, ending). The article is always a proclitic; a one-letter proclitic only
    when the rest of the token also stands alone in the article (بوتين is not ب + وتين)."""
    fixed, choices = _split_alone[token]
    return fixed if fixed is not None else _choose(choices, standalone)


def _choose(choices, standalone):
    for rest, parts in choices[:-1]:
        if rest in standalone:
            return parts
    return choices[-1][1]


def _split_alone_of(token: str):
    """(parts, ()) when the split does not depend on the article; else (None, choices): for each
    one-letter proclitic the word may start with, the rest of the word and the parts if it stands
    alone, then (None, the parts without a proclitic)."""
    word, prefix, singles = _article_split(token)
    if not singles:
        return (prefix, *_ending_split(word[len(prefix):])), ()
    return None, (*((rest, (single, *_ending_split(rest))) for single, rest in singles), (None, ("", *_ending_split(word))))


_split_alone = WordMemo(_split_alone_of)


def _article_split(token: str) -> tuple[str, str, tuple]:
    """(word without marks, its article, and the one-letter proclitics it might start with, each
    with the rest of the word): the part of split_token that does not depend on the article."""
    word = strip_marks(token)
    if word.startswith(_ARTICLE):  # one C-level test spares most words the loop
        for article in _ARTICLE:
            if word.startswith(article) and len(word) - len(article) >= 3:
                return word, article, ()
    if word[:1] not in _SINGLE_FIRST:
        return word, "", ()
    return word, "", tuple((single, word[len(single):]) for single in _SINGLE if word.startswith(single))


_NISBA_ENDINGS = tuple("ي" + ending for ending in _ENDINGS)


def _ending_split(rest: str) -> tuple[str, str]:
    # Not memoised: its callers are, per word, and one C-level endswith answers most words.
    if not rest.endswith(_NISBA_ENDINGS):
        return rest, ""
    for ending in _ENDINGS:
        if rest.endswith("ي" + ending) and len(rest) - len(ending) >= 4:
            return rest[: -len(ending)], ending
    return rest, ""


@dataclass
class HouseStyle:
    """Known spelling groups. An entry with `prefer` names the house form; an entry with only
    `group` knows the spellings belong together but leaves the choice to each article's majority
    (newsrooms split on الأمريكي/الأميركي and ترامب/ترمب)."""

    group_of: dict  # base -> group number
    preferred: dict  # group number -> preferred base, or None

    @classmethod
    def load(cls, path, load_yaml) -> HouseStyle:
        data = load_yaml(path)
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise ParamError("house_style", "the house-style file holds 'entries'", path=path)
        group_of, preferred = {}, {}
        for number, entry in enumerate(entries):
            forms = None
            if isinstance(entry, dict) and isinstance(entry.get("prefer"), str) and isinstance(entry.get("variants"), list):
                forms = [entry["prefer"], *entry["variants"]]
                # House forms are parsed like tokens, so both meet as bases.
                preferred[number] = split_token(entry["prefer"], frozenset())[1]
            elif isinstance(entry, dict) and isinstance(entry.get("group"), list) and len(entry["group"]) > 1:
                forms = entry["group"]
                preferred[number] = None
            if not forms:
                raise ParamError("house_style", "each entry needs 'prefer' with 'variants', or a 'group' of spellings",
                                 getattr(entry, "line", None), path=path)
            for form in forms:
                group_of[split_token(str(form), frozenset())[1]] = number
        return cls(group_of, preferred)

    def house_form(self, base: str) -> str | None:
        number = self.group_of.get(base)
        return None if number is None else self.preferred[number]


@dataclass
class State:
    mode: str
    house: HouseStyle
    min_ratio: float
    min_length: int
    majority_from: str | None = None
    verdicts: dict = None  # (base, base) -> same name?

    def __post_init__(self):
        self.verdicts = {}


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("mode", "house_style"))
    mode = expect_choice(params, "mode", ("within", "corpus", "house"))
    return State(mode, HouseStyle.load(env.pack_dir / expect(params, "house_style", str), env.load_yaml),
                 float(expect(params, "min_ratio", (int, float), 0.85)), expect(params, "min_length", int, 4),
                 expect(params, "majority_from", str))


class Occurrence(NamedTuple):
    start: int
    end: int
    prefix: str
    base: str
    ending: str


class Spellings(NamedTuple):
    """An article's Arabic words, each distinct surface form once: its parts and how often it occurs."""

    parts: dict  # surface text -> (prefix, base, ending), for bases of min_length letters or more
    uses: Counter  # surface text -> occurrences

    def base_counts(self) -> Counter:
        uses, counts = self.uses, Counter()
        for text, (_, base, _) in self.parts.items():
            counts[base] += uses[text]
        return counts


def spellings(doc, state: State) -> Spellings:
    """Per distinct word: an article repeats its words, so each spelling is split once."""
    cache_key = ("variant-spelling", state.min_length)
    if cache_key in doc.cache:
        return doc.cache[cache_key]
    uses = doc.arabic_words
    # Most words split the same way in every article (memoised across articles); only a word that
    # may start with a one-letter proclitic asks whether its rest stands alone in this one.
    alone = dict(zip(uses, map(_split_alone.__getitem__, uses)))
    parts = {text: fixed for text, (fixed, _) in alone.items() if fixed is not None and len(fixed[1]) >= state.min_length}
    dependent = [text for text, (fixed, _) in alone.items() if fixed is None]
    if dependent:
        standalone = frozenset(map(bare_word.__getitem__, uses))
        for text in dependent:
            split = _choose(alone[text][1], standalone)
            if len(split[1]) >= state.min_length:
                parts[text] = split
    doc.cache[cache_key] = found = Spellings(parts, uses)
    return found


def first_uses(doc, texts) -> dict:
    """Surface text -> the span of its first use, for the few texts a rule reports."""
    return {text: spans[0] for text, spans in doc.word_spans_of(texts).items() if spans}


def occurrences(doc, state: State) -> list[Occurrence]:
    """Every occurrence with its parts (for `qa variants` examples and tests)."""
    parts = spellings(doc, state).parts
    spans = doc.word_spans_of(parts)
    return sorted(Occurrence(start, end, *parts[text]) for text in parts for start, end in spans[text])


_HAMZA_ONLY = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_HAMZA_SEATS = frozenset("أإآ")


def _surface_forms(base: str) -> list[str]:
    # A base is not always a word by itself (جزير from الجزيرة): ask about the forms it comes in.
    return [base, base + "ة", "ال" + base, "ال" + base + "ة"]


def _core(base: str) -> bool:
    from ..wordlist import is_core

    return any(is_core(form) for form in _surface_forms(base))


# _core per base, once per run: the corpus's groups compare a key's lead with each of its other
# bases, so a base is asked again and again (four word-list look-ups each time).
_core_base = WordMemo(_core)


def _known(base: str) -> bool:
    from ..wordlist import is_known

    return any(is_known(form) for form in _surface_forms(base))


def _currency_of(base: str) -> int:
    from ..wordlist import is_common, is_core

    forms = _surface_forms(base)
    return 2 * any(map(is_core, forms)) + any(map(is_common, forms))


_currency = WordMemo(_currency_of)  # how current a spelling is in the language: 0, 1 or 3


def same_name(a: str, b: str, state: State) -> bool:
    """Two bases with one key: are they two spellings of one name? (Memoised per rule: a corpus
    asks about the same pairs in document after document.)"""
    pair = (a, b)
    if pair not in state.verdicts:
        if len(state.verdicts) >= 1 << 16:
            state.verdicts.clear()  # bounded: a run over millions of articles meets ever new pairs
        state.verdicts[pair] = _same_name(a, b, state)
    return state.verdicts[pair]


def _same_name(a: str, b: str, state: State) -> bool:
    groups_of = state.house.group_of
    if a in groups_of and b in groups_of:
        return groups_of[a] == groups_of[b]
    if any(a == c + b or b == c + a for c in _SINGLE):
        return False  # وواشنطن is و + واشنطن, not another spelling
    if _core_base[a] or _core_base[b]:
        # Core vocabulary differs on purpose: إنها/أنها, مكتب/مكاتب, الجزيرة/الغزيرة.
        return False
    if a.translate(_HAMZA_ONLY) == b.translate(_HAMZA_ONLY):
        # A missing hamza is one name (ابراهيم/إبراهيم), and so is آ for أ in a name (جلال آباد);
        # but أ against إ is another word, because the seat is the vowel (أنهما/إنهما).
        return not any({x, y} == {"أ", "إ"} for x, y in zip(a, b))
    if fold(a) != fold(b) and fold(a).translate(_SOUND) == fold(b).translate(_SOUND):
        return True  # ج/غ, ف/ڤ: one foreign sound written two ways (سيرغي/سيرجي)
    # Doubled and long vowels more or less, and ى/ي or ة/ه: native words differ this way between
    # derivations (تمييز/تميز, تركز/تركيز, الموسيقى/الموسيقي), so only spellings the word list
    # does not know are taken for one name (دارشييف/دارشيف, نيبينزيا/نيبنزيا).
    if _known(a) or _known(b):
        return False
    return difflib.SequenceMatcher(None, sound(a), sound(b)).ratio() >= state.min_ratio


def groups(counts: Counter, state: State) -> list[list[str]]:
    """Confirmed variant groups among bases (with their counts), most used first."""
    keys = list(map(key, counts))
    shared = {k for k, n in Counter(keys).items() if n > 1}
    if not shared:
        return []
    by_key = defaultdict(list)
    for base, k in zip(counts, keys):
        if k in shared:
            by_key[k].append(base)
    out = []
    for bases in by_key.values():
        members = _members(bases, counts, state)
        if members:
            out.append(members)
    return out


def _members(bases: list, counts, state: State) -> list | None:
    """The confirmed group among bases that share one key, most used first; None if there is none."""
    # Most used first; on a tie, the spelling the language uses more (أوروبي before أوربي).
    bases.sort(key=lambda b: (-counts[b], -_currency[b], b))
    lead = bases[0]
    members = [lead] + [b for b in bases[1:] if same_name(lead, b, state)]
    return members if len(members) > 1 else None


def house_target(members: list[str], state: State) -> str | None:
    for base in members:
        preferred = state.house.house_form(base)
        if preferred:
            return preferred
    return None


def _hamza_dropped(members: list[str], wrong=frozenset()) -> frozenset:
    """Members that are another member with a hamza left out (الافراج beside الإفراج): a missing
    hamza, whatever the majority, so never the spelling to suggest; unless the member with the
    hamza is itself wrong (إنتقاله beside انتقاله)."""
    fullest = {}
    for m in members:
        if m in wrong:
            continue
        bare = m.translate(_HAMZA_ONLY)
        fullest[bare] = max(fullest.get(bare, 0), sum(ch in _HAMZA_SEATS for ch in m))
    return frozenset(m for m in members if sum(ch in _HAMZA_SEATS for ch in m) < fullest.get(m.translate(_HAMZA_ONLY), 0))


def target(members: list[str], state: State, wrong=frozenset()) -> str:
    """The spelling to use: the house form if there is one, else the most used spelling (members
    come most used first) that no other rule reports and that does not drop a hamza."""
    wrong = wrong | _hamza_dropped(members, wrong)
    return house_target(members, state) or next((m for m in members if m not in wrong), members[0])


def _reported_elsewhere(ctx, texts) -> frozenset:
    """The texts that another rule of the run reports on their own (a missing or a wrong hamza)."""
    flags = getattr(ctx, "flags", None)
    if flags is None:
        return frozenset()
    return frozenset(t for t in texts if flags(t))


def collect(doc, state: State):
    """Corpus pass 1: (key, base) pairs, once per document."""
    if state.mode != "corpus":
        return set()
    return set(_pairs(doc, state))


def _pairs(doc, state: State) -> frozenset:
    """The (key, base) pair of each word of the article as spellings() splits it, without making
    its Spellings: a word that splits the same way in every article takes its pair from the
    run-wide memo the within-article rule fills too (C-level passes over the article's words);
    only a word whose split depends on the article is split here."""
    cache_key = ("variant-spelling pairs", state.min_length)
    found = doc.cache.get(cache_key)
    if found is None:
        uses = doc.arabic_words
        possible = list(map(_possible_pairs(state.min_length).__getitem__, uses))
        kinds = list(map(type, possible))
        flat = chain.from_iterable(compress(possible, map(is_, kinds, repeat(tuple))))
        out, standalone = set(zip(flat, flat)), None  # a fixed split's (key, base), or () for a short base
        for text in compress(uses, map(is_, kinds, repeat(_ArticleDependent))):
            if standalone is None:
                standalone = frozenset(map(bare_word.__getitem__, uses))
            base = _choose(_split_alone[text][1], standalone)[1]
            if len(base) >= state.min_length:
                out.add((key(base), base))
        found = doc.cache[cache_key] = frozenset(out)
    return found


def check(doc, state: State, ctx):
    if state.mode == "within":
        yield from _within(doc, state, ctx)
        return
    if state.mode == "house":
        found = spellings(doc, state)
        flagged = {}
        for text, (prefix, base, ending) in found.parts.items():
            preferred = state.house.house_form(base)
            if preferred and preferred != base and fold(preferred) != fold(base):
                flagged[text] = (prefix + preferred + ending, {"suggestion": preferred, "base": base})
        spans = doc.word_spans_of(flagged)
        for start, end, text in sorted((start, end, text) for text in flagged for start, end in spans[text]):
            fix, args = flagged[text]
            yield Hit(start, end, fix, args)
        return
    index = _corpus_index(ctx, state, ctx.rule_id if ctx else None)
    if index is None:
        return  # outside corpus mode: no article is split for nothing
    # The article's bases as pass 1 found them (its pairs): the article is split word by word
    # only for the words of the spellings reported.
    pairs = _pairs(doc, state)
    mine = {base for _, base in pairs}
    # A key's bases belong to it alone, so its groups, and the spelling each suggests, come from the
    # corpus's counts of that key only: worked out once per run, not once per document that uses it.
    # A key spelt one way in the whole corpus can form no group and is left out.
    by_key = ctx.corpus.derived.setdefault(("variant-spelling groups", ctx.rule_id), {})
    report = {}
    for k in {k for k, _ in pairs}:
        entry = index.get(k)
        if entry is None or len(entry) <= 1:
            continue
        if k not in by_key:
            by_key[k] = _key_groups(entry, state, ctx)
        for members, best, variants in by_key[k]:
            if not set(members) & set(mine):
                continue
            for m in members:
                if m in mine and m != best:
                    report[m] = {"suggestion": best, "base": m, "variants": variants, "documents": ctx.corpus_documents}
    if report:
        yield from _once_per_spelling(doc, _spellings_of(doc, state, report.keys()), report, ctx, fixes=False)


def _spellings_of(doc, state: State, bases) -> Spellings:
    """The article's Spellings cut down to the words split into one of `bases`, as spellings()
    splits them: only the words with one of them among their possible pairs are split."""
    uses = doc.arabic_words
    parts, standalone = {}, None
    for text, pairs in zip(uses, map(_possible_pairs(state.min_length).__getitem__, uses)):
        if bases.isdisjoint(pairs):
            continue
        fixed, choices = _split_alone[text]
        if fixed is None:
            if standalone is None:
                standalone = frozenset(map(bare_word.__getitem__, uses))
            fixed = _choose(choices, standalone)
        if len(fixed[1]) >= state.min_length and fixed[1] in bases:
            parts[text] = fixed
    return Spellings(parts, uses)


def _key_groups(entry: dict, state: State, ctx) -> list:
    """(members, the spelling to use, the variants as the message lists them) for each group among
    one key's bases, from their corpus counts."""
    counts = Counter(entry)
    if not _may_group(counts, state):
        return []
    return [(members, target(members, state, _reported_elsewhere(ctx, members)),
             "، ".join(f"{m}: {counts[m]}" for m in members)) for members in groups(counts, state)]


def _may_group(counts: Counter, state: State) -> bool:
    """Can groups() find a group among one key's bases? Only if some base is another spelling of
    the lead (the most used, a tie broken as _members breaks it). Most keys of a corpus form none,
    and this asks how current a spelling is only of the bases tied for the lead, not of them all."""
    top = max(counts.values())
    tied = [base for base, n in counts.items() if n == top]
    lead = min(tied, key=lambda base: (-_currency[base], base))
    return any(same_name(lead, base, state) for base in counts if base != lead)


_PAIRS: dict = {}  # min_length -> WordMemo(surface form -> its possible (key, base) pairs)


class _ArticleDependent(tuple):
    """The possible pairs of a word whose split depends on the article (a plain tuple: the split
    is fixed), so corpus pass 1 splits only those words again."""

    __slots__ = ()


def _possible_pairs(min_length: int) -> WordMemo:
    """surface form -> the key and base of each split it may take (one, unless the split depends on
    whether its rest stands alone in the article), bases of min_length letters or more only, as one
    flat tuple (key, base, key, base, …), an _ArticleDependent when the split depends on the
    article: a run holds tens of thousands of them."""
    memo = _PAIRS.get(min_length)
    if memo is None:
        def pairs(word: str) -> tuple:
            # Not through the _split_alone memo: only the few words of a shared key need it again.
            fixed, choices = _split_alone_of(word)
            if fixed is not None:
                base = fixed[1]
                return (key(base), base) if len(base) >= min_length else ()
            found = dict.fromkeys((key(parts[1]), parts[1]) for _, parts in choices if len(parts[1]) >= min_length)
            return _ArticleDependent(chain.from_iterable(found))

        memo = _PAIRS[min_length] = WordMemo(pairs, 1 << 17)
    return memo


def _shared_keys(doc, state: State) -> list[dict]:
    """The article's bases by key, for the keys that more than one base has: [{base: uses}].

    An article has a few such keys among hundreds, so they are found from each word's possible
    (key, base) pairs with C-level passes (a run-wide memo, a set, a Counter); only the words with
    a possible key among them are then split as the article decides (spellings() splits them all)."""
    uses = doc.arabic_words
    possible = list(map(_possible_pairs(state.min_length).__getitem__, uses))
    flat = chain.from_iterable(possible)
    distinct_pairs = set(zip(flat, flat))
    keys = list(map(itemgetter(0), distinct_pairs))
    if len(keys) == len(set(keys)):
        return []
    multi = {k for k, n in Counter(keys).items() if n > 1}
    by_key: dict = {}
    standalone = None
    for text, pairs in zip(uses, possible):
        # Bases are tested too: a word taken in for a base that spells a shared key is split and
        # counted under its own key, which then has that one base only.
        if multi.isdisjoint(pairs):
            continue
        fixed, choices = _split_alone[text]
        if fixed is None:
            if standalone is None:
                # Without marks in the article each word stands alone as it is written.
                standalone = frozenset(map(bare_word.__getitem__, uses)) if has_marks(doc.text) else uses
            fixed = _choose(choices, standalone)
        base = fixed[1]
        if len(base) < state.min_length:
            continue
        bases = by_key.setdefault(key(base), {})
        bases[base] = bases.get(base, 0) + uses[text]
    return [bases for bases in by_key.values() if len(bases) > 1]


_NOT_YET = object()


def _within(doc, state: State, ctx):
    shared = _shared_keys(doc, state)
    if not shared:
        return
    counts = {base: n for bases in shared for base, n in bases.items()}
    corpus = _NOT_YET  # the corpus's votes, asked for when a group first needs them: in corpus pass 1
    report = {}        # an article without such a group is checked once and for all
    for members in filter(None, (_members(list(bases), counts, state) for bases in shared)):
        wrong = _reported_elsewhere(ctx, members)
        house = house_target(members, state)
        if house in members:
            best, safe = house, True
        else:
            # The house form is not used in this article (the opt-in house rule enforces it
            # everywhere): the corpus majority of this run decides, else the article's.
            by_use = members
            if corpus is _NOT_YET:
                corpus = _corpus_index(ctx, state, state.majority_from) if state.majority_from else None
            if corpus is not None:
                votes = corpus.get(key(members[0]), {})
                by_use = sorted(members, key=lambda m: (-votes.get(m, 0), -counts[m], m))
            wrong = wrong | _hamza_dropped(members, wrong)
            best, safe = next((m for m in by_use if m not in wrong), by_use[0]), False
        variants = "، ".join(f"{m} ({counts[m]})" for m in members)
        for m in members:
            if m != best:
                report[m] = {"suggestion": best, "base": m, "variants": variants, "safe": safe}
    if report:
        yield from _once_per_spelling(doc, spellings(doc, state), report, ctx, fixes=True)


def _once_per_spelling(doc, found: Spellings, report: dict, ctx, fixes: bool):
    """One hit per reported spelling, at its first use; a spelling another rule reports is left to it."""
    if not report:
        return
    texts = [t for t, (_, base, _) in found.parts.items() if base in report]
    skip = _reported_elsewhere(ctx, texts)
    first = first_uses(doc, [t for t in texts if t not in skip])
    seen = set()
    for (start, end), text in sorted((span, text) for text, span in first.items()):
        prefix, base, ending = found.parts[text]
        if base in seen:
            continue
        seen.add(base)
        args = dict(report[base])
        safe = args.pop("safe", False)
        yield Hit(start, end, prefix + args["suggestion"] + ending if fixes and safe else None, args)


def _corpus_index(ctx, state: State, rule_id: str | None):
    """key -> {base: documents} from the pass-1 counts of the corpus rule `rule_id`, built once per
    corpus run (not once per document, which would make a corpus run quadratic). None outside
    corpus mode."""
    if ctx is None or ctx.corpus is None or rule_id is None:
        return None
    table = ctx.corpus.counts.get(rule_id)
    if table is None:
        return None
    cache = ctx.corpus.derived
    if ("variant-spelling", rule_id) not in cache:
        index: dict = {}
        for (k, base), n in table.items():
            index.setdefault(k, {})[base] = n
        cache[("variant-spelling", rule_id)] = index
    return cache[("variant-spelling", rule_id)]


def variant_table(documents, state: State) -> list[dict]:
    """The variant groups across documents, most frequent first: for `qa variants`. Each group
    lists its spellings with token counts, file counts, an example surface form and the house form."""
    tokens, files, example = Counter(), Counter(), {}
    for doc in documents:
        found = spellings(doc, state)
        for text, (_, base, _) in found.parts.items():
            tokens[base] += found.uses[text]
            example.setdefault(base, Counter())[text] += found.uses[text]
        files.update({base for _, base, _ in found.parts.values()})
    table = []
    for members in groups(tokens, state):
        table.append({
            "house": next((state.house.house_form(m) for m in members if state.house.house_form(m)), None),
            "total": sum(tokens[m] for m in members),
            "variants": [{"base": m, "tokens": tokens[m], "files": files[m],
                          "example": example[m].most_common(1)[0][0]} for m in members],
        })
    table.sort(key=lambda g: (-g["total"], g["variants"][0]["base"]))
    return table


# --- Corpus passes (corpus mode) -----------------------------------------------------------------
# An article gets a corpus-variants finding only if it uses a spelling that some group of the
# corpus reports (not the group's suggestion). Pass 1 keeps a checksum of each base the article
# uses; pass 2 checks again only an article with a checksum among the reported spellings'. A
# checksum shared by chance costs a check, never a finding.

def _checksum(base: str) -> int:
    return zlib.crc32(base.encode("utf-8"))


_base_checksum = WordMemo(_checksum)  # per run: every article's bases are summed in pass 1


def pass_one(doc, state: State, ctx):
    if state.mode != "corpus":
        return None  # pass 2 checks the article whole
    return array("I", sorted(set(map(_base_checksum.__getitem__, map(itemgetter(1), _pairs(doc, state))))))


def pass_two(doc, state: State, ctx, kept):
    if kept is None:
        return check(doc, state, ctx)
    index = _corpus_index(ctx, state, ctx.rule_id)
    if index is None:
        return ()
    cache = ctx.corpus.derived
    reported = cache.get(("variant-spelling reported", ctx.rule_id))
    if reported is None:
        by_key = cache.setdefault(("variant-spelling groups", ctx.rule_id), {})
        reported = set()
        for k, entry in index.items():
            if len(entry) > 1:
                if k not in by_key:
                    by_key[k] = _key_groups(entry, state, ctx)
                reported.update(_checksum(m) for members, best, _ in by_key[k] for m in members if m != best)
        cache[("variant-spelling reported", ctx.rule_id)] = reported
    if any(checksum in reported for checksum in kept):
        return check(doc, state, ctx)
    return ()
