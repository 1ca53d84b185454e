"""Kind `variant-spelling`: one spelling per name, within an article and across a corpus.

Each Arabic token is split into proclitics, a base and, after a nisba ي, an inflectional ending
(الأمريكيين -> ال + أمريكي + ين), so inflections of one spelling stay one spelling. Bases are grouped by a
transliteration key that forgives what transliteration varies: hamza and alef forms, ى/ي and ة/ه,
the letters that render one foreign sound (ج غ ك گ; ف ڤ; ب پ), doubled vowel letters (يي), and
long vowels inside the word (ترامب/ترمب). A group is two spellings of one name when
  * the house style (rules/lexicons/house-style.yaml) lists them, or
  * neither base is core vocabulary (two core words a long vowel apart, مكتب/مكاتب, are different
    words) and they agree closely once the sound classes are merged (ratio >= min_ratio).
The minority spelling is reported with the house form, or else the article's majority form, as fix.

  within  spellings that disagree inside one article
  corpus  spellings that disagree across the corpus (info), with counts per variant
  house   any spelling the house style does not prefer, even when used consistently (off by default)
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from ..arabic import fold, strip_marks
from . import Hit, ParamError
from ._util import check_params, expect, expect_choice

PARAMS = {
    "mode": "within, corpus or house",
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
_DOUBLED_VOWEL = regex.compile(r"([اوي])\1+")
_INNER_VOWELS = regex.compile(r"(?<=.)[اوي](?=.)")


@lru_cache(maxsize=100_000)
def sound(base: str) -> str:
    """The base with sound classes merged and doubled vowel letters collapsed; vowels kept."""
    return _DOUBLED_VOWEL.sub(r"\1", fold(base).translate(_SOUND))


@lru_cache(maxsize=100_000)
def key(base: str) -> str:
    """The transliteration key: sound() without long vowels inside the word."""
    return _INNER_VOWELS.sub("", sound(base))


def split_token(token: str, standalone: frozenset) -> tuple[str, str, str]:
    """(proclitics, base, ending). The article is always a proclitic; a one-letter proclitic only
    when the rest of the token also stands alone in the article (بوتين is not ب + وتين)."""
    word, prefix = _article_split(token)
    if not prefix and word[:1] in _SINGLE_FIRST:
        for single in _SINGLE:
            if word.startswith(single) and word[len(single):] in standalone:
                prefix = single
                break
    return (prefix, *_ending_split(word[len(prefix):]))


@lru_cache(maxsize=200_000)
def _article_split(token: str) -> tuple[str, str]:
    word = strip_marks(token)
    for article in _ARTICLE:
        if word.startswith(article) and len(word) - len(article) >= 3:
            return word, article
    return word, ""


@lru_cache(maxsize=200_000)
def _ending_split(rest: str) -> tuple[str, str]:
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
    verdicts: dict = None  # (base, base) -> same name?

    def __post_init__(self):
        self.verdicts = {}


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("mode", "house_style"))
    mode = expect_choice(params, "mode", ("within", "corpus", "house"))
    return State(mode, HouseStyle.load(env.pack_dir / expect(params, "house_style", str), env.load_yaml),
                 float(expect(params, "min_ratio", (int, float), 0.85)), expect(params, "min_length", int, 4))


class Occurrence(NamedTuple):
    start: int
    end: int
    prefix: str
    base: str
    ending: str


def occurrences(doc, state: State) -> list[Occurrence]:
    cache_key = ("variant-spelling", state.min_length)
    if cache_key in doc.cache:
        return doc.cache[cache_key]
    arabic = [t for t in doc.tokens if t.script == "ar"]
    # An article repeats its words: split each distinct spelling once.
    distinct = {t.text for t in arabic}
    standalone = frozenset(map(strip_marks, distinct))
    parts = {text: split_token(text, standalone) for text in distinct}
    out = [Occurrence(t.start, t.end, *parts[t.text]) for t in arabic if len(parts[t.text][1]) >= state.min_length]
    doc.cache[cache_key] = out
    return out


_HAMZA_ONLY = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})


def _surface_forms(base: str) -> list[str]:
    # A base is not always a word by itself (جزير from الجزيرة): ask about the forms it comes in.
    return [base, base + "ة", "ال" + base, "ال" + base + "ة"]


def _core(base: str) -> bool:
    from ..wordlist import is_core

    return any(is_core(form) for form in _surface_forms(base))


def _known(base: str) -> bool:
    from ..wordlist import is_known

    return any(is_known(form) for form in _surface_forms(base))


def same_name(a: str, b: str, state: State) -> bool:
    """Two bases with one key: are they two spellings of one name? (Memoised per rule: a corpus
    asks about the same pairs in document after document.)"""
    pair = (a, b)
    if pair not in state.verdicts:
        state.verdicts[pair] = _same_name(a, b, state)
    return state.verdicts[pair]


def _same_name(a: str, b: str, state: State) -> bool:
    groups_of = state.house.group_of
    if a in groups_of and b in groups_of:
        return groups_of[a] == groups_of[b]
    if any(a == c + b or b == c + a for c in _SINGLE):
        return False  # وواشنطن is و + واشنطن, not another spelling
    if _core(a) or _core(b):
        # Core vocabulary differs on purpose: إنها/أنها, مكتب/مكاتب, الجزيرة/الغزيرة.
        return False
    if a.translate(_HAMZA_ONLY) == b.translate(_HAMZA_ONLY):
        return True  # hamza forms only: one name (ابراهيم/إبراهيم)
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
    by_key = defaultdict(list)
    for base in counts:
        by_key[key(base)].append(base)
    out = []
    for bases in by_key.values():
        if len(bases) < 2:
            continue
        bases.sort(key=lambda b: (-counts[b], b))
        lead = bases[0]
        members = [lead] + [b for b in bases[1:] if same_name(lead, b, state)]
        if len(members) > 1:
            out.append(members)
    return out


def target(members: list[str], state: State) -> str:
    """The spelling to use: the house form if there is one, else the most used."""
    for base in members:
        preferred = state.house.house_form(base)
        if preferred:
            return preferred
    return members[0]


def collect(doc, state: State):
    """Corpus pass 1: (key, base) pairs, once per document."""
    if state.mode != "corpus":
        return set()
    return {(key(o.base), o.base) for o in occurrences(doc, state)}


def check(doc, state: State, ctx):
    found = occurrences(doc, state)
    if state.mode == "house":
        for o in found:
            preferred = state.house.house_form(o.base)
            if preferred and preferred != o.base and fold(preferred) != fold(o.base):
                yield Hit(o.start, o.end, o.prefix + preferred + o.ending,
                          {"suggestion": preferred, "base": o.base})
        return
    if state.mode == "within":
        counts = Counter(o.base for o in found)
        for members in groups(counts, state):
            best = target(members, state)
            if best not in members:
                # The house form is not used in this article: align with the article's majority;
                # the (opt-in) house rule is the one that enforces the house form everywhere.
                best = members[0]
            variants = "، ".join(f"{m} ({counts[m]})" for m in members)
            for o in found:
                if o.base in members and o.base != best:
                    yield Hit(o.start, o.end, o.prefix + best + o.ending,
                              {"suggestion": best, "base": o.base, "variants": variants})
        return
    index = _corpus_index(ctx, state)
    if index is None:
        return
    mine = {o.base for o in found}
    relevant = Counter()
    for k in {key(m) for m in mine}:
        relevant.update(index.get(k, {}))
    reported = set()
    for members in groups(relevant, state):
        best = target(members, state)
        if not set(members) & mine:
            continue
        variants = "، ".join(f"{m}: {relevant[m]}" for m in members)
        for o in found:
            if o.base in members and o.base != best and o.base not in reported:
                reported.add(o.base)
                yield Hit(o.start, o.end, None, {"suggestion": best, "base": o.base, "variants": variants,
                                                 "documents": ctx.corpus_documents})


def _corpus_index(ctx, state: State):
    """key -> {base: documents}, built once per corpus run from the pass-1 counts (not once per
    document, which would make a corpus run quadratic)."""
    table = ctx.corpus_counts(state)
    if table is None:
        return None
    cache = ctx.corpus.derived
    if ctx.rule_id not in cache:
        index: dict = {}
        for (k, base), n in table.items():
            index.setdefault(k, {})[base] = n
        cache[ctx.rule_id] = index
    return cache[ctx.rule_id]


def variant_table(documents, state: State) -> list[dict]:
    """The variant groups across documents, most frequent first: for `qa variants`. Each group
    lists its spellings with token counts, file counts, an example surface form and the house form."""
    tokens, files, example = Counter(), Counter(), {}
    for doc in documents:
        seen = set()
        for o in occurrences(doc, state):
            tokens[o.base] += 1
            example.setdefault(o.base, Counter())[doc.text[o.start:o.end]] += 1
            if o.base not in seen:
                seen.add(o.base)
                files[o.base] += 1
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
