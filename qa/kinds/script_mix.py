"""Kind `script-mix`: runs of Latin-script words inside Arabic lines.

Each run is classified once per document (shared by every rule of this kind):
  diacritics  a name with Latin diacritics (Öncü Keçeli): left untransliterated by MT
  name        capitalised words (Sonata Coulter)
  acronym     capitals and digits (IAEA, F-16)
  phrase      two or more lowercase words (according to sources)
  word        one lowercase word (extra, slipstream)
Runs that are fine are dropped before any rule sees them: lines that are mostly Latin, URLs,
e-mail addresses and @handles, Latin in parentheses right after an Arabic rendering
("أونجو كتشلي (Öncü Keçeli)"), and terms on the rule's allow-list (NATO, G20, iPhone …).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from ..rxcache import compile as rx

from ..arabic import transliterate
from . import Hit, ParamError
from ._util import check_params, expect

PARAMS = {
    "report": "which classes of run this rule reports: a list of diacritics, name, acronym, phrase",
    "allow": "inline list of Latin terms newsrooms keep in Latin (matched case-sensitively, word by word)",
    "allow_file": "path of a YAML list of such terms, relative to the pack",
    "min_arabic_share": "only lines whose letters are at least this share Arabic (default 0.5)",
    "spellings_file": "YAML mapping of Latin names to the Arabic spelling the press uses (Çavuşoğlu: جاويش أوغلو)",
}
CLASSES = ("diacritics", "name", "acronym", "phrase", "word")

_WORD = r"[\p{Latin}][\p{Latin}\p{M}\p{Nd}'’&]*(?:[-.][\p{Latin}\p{Nd}]+)*"
_RUN = rx(rf"(?<![\p{{Latin}}\p{{Nd}}@#/.:_-]){_WORD}(?:[ \u00a0]+(?:{_WORD}|\p{{Nd}}+))*", regex.V1)
_URLISH = rx(r"(?i)(?:https?://|www\.|\.(?:com|org|net|gov|edu|int|info|io|ar|fr|uk|tr|ru)\b)|@")
_ARABIC_LETTER = rx(r"[\p{scx=Arabic}&&\p{L}]", regex.V1)
# What may stand just before "(Latin)" for the Latin to count as a gloss: an Arabic word or a number.
_GLOSSED = rx(r"[\p{scx=Arabic}&&[\p{L}\p{M}]]|\p{Nd}", regex.V1)
_LETTER = rx(r"\p{L}")
_ANY_LATIN = rx(r"\p{Latin}")
_SPECIAL = set("ıłøđßæœðþİ")
_OPENING_QUOTES = {'"': '"', "«": "»", "“": "”", "'": "'"}


def has_diacritics(text: str) -> bool:
    return any(ch.lower() in _SPECIAL or (ch.isalpha() and len(unicodedata.normalize("NFD", ch)) > 1) for ch in text)


@dataclass
class State:
    report: frozenset
    allow: frozenset
    min_arabic_share: float
    spellings: dict


def compile(params: dict, env) -> State:
    check_params(params, PARAMS, required=("report",))
    report = expect(params, "report", list)
    if not report or any(r not in CLASSES for r in report):
        raise ParamError("report", f"report is a list drawn from {', '.join(CLASSES)}")
    allow = list(expect(params, "allow", list, []))
    if "allow_file" in params:
        data = env.load_yaml(env.pack_dir / expect(params, "allow_file", str))
        terms = data.get("terms") if isinstance(data, dict) else data
        if not isinstance(terms, list) or not all(isinstance(t, (str, int)) for t in terms):
            raise ParamError("allow_file", "the allow file holds a list of terms (or a mapping with 'terms')")
        allow.extend(str(t) for t in terms)
    spellings = {}
    if "spellings_file" in params:
        from ..packs import load_yaml_file

        data = load_yaml_file(env.pack_dir / expect(params, "spellings_file", str))
        names = data.get("names") if isinstance(data, dict) else None
        if not isinstance(names, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in names.items()):
            raise ParamError("spellings_file", "the spellings file holds 'names': a mapping of Latin name to Arabic spelling")
        spellings = {k.casefold(): v for k, v in names.items()}
    return State(frozenset(report), frozenset(allow), float(expect(params, "min_arabic_share", (int, float), 0.5)),
                 spellings)


# Letters a transliteration may add or drop (long vowels, hamza seats, h and ta marbuta at the end):
# two spellings of one name share the rest, their skeleton (فيدان, فيدن; غولن, جولن after folding).
_SKELETON = str.maketrans("", "", "اأإآويىءئؤهة")
_SKELETON_FOLD = str.maketrans("جقگ", "غكغ")


def _skeleton(arabic: str) -> str:
    from ..arabic import fold

    # ç, ch and c are written تش or ج, g is غ or ج: one letter each in the skeleton.
    return fold(arabic).replace("تش", "ج").translate(_SKELETON).translate(_SKELETON_FOLD)


def _article_spellings(doc) -> dict:
    """Skeleton -> the article's most frequent Arabic spelling with it, over words that are not core
    vocabulary (names, not words). Built once per document from its distinct words."""
    if "script-mix:spellings" in doc.cache:
        return doc.cache["script-mix:spellings"]
    from ..wordlist import is_core

    best: dict = {}
    for word, count in doc.arabic_words.items():
        for form in (word, word[1:] if word[:1] in "وبل" and len(word) > 4 else None):
            if not form or len(form) < 3 or is_core(form):
                continue
            key = _skeleton(form)
            if len(key) >= 2 and count > best.get(key, ("", 0))[1]:
                best[key] = (form, count)
    out = {key: form for key, (form, _) in best.items()}
    doc.cache["script-mix:spellings"] = out
    return out


def suggest(doc, run: str, state: State) -> tuple[str, bool]:
    """An Arabic spelling for a Latin run, word by word: the press spelling from the lexicon, else the
    article's own spelling of the same name, else a letter-by-letter transliteration. The flag says
    whether every word came from the lexicon or the article (a spelling the newsroom already uses)."""
    words, grounded = [], True
    spellings = None
    latin = run.split()
    # Transliterated as a whole, so one Turkish letter anywhere makes every c a ج (Öncü Keçeli).
    whole = transliterate(run).split()
    for i, word in enumerate(latin):
        press = state.spellings.get(word.casefold()) or state.spellings.get(word.strip(".,").casefold())
        if press:
            words.append(press)
            continue
        guess = whole[i] if len(whole) == len(latin) else transliterate(word)
        if spellings is None:
            spellings = _article_spellings(doc)
        found = spellings.get(_skeleton(guess)) if guess else None
        if found:
            words.append(found)
        else:
            words.append(guess)
            grounded = False
    return " ".join(w for w in words if w), grounded


# English function words: a run that holds one is a phrase or a title, not a name.
_FUNCTION_WORDS = frozenset("the a an of on in at to for and or with from by is are was were have has had this that "
                            "these those my your his her our their it its be not no".split())


def _english_phrase(words: list[str]) -> bool:
    """Two or more words with an English function word among them, or all in lower case."""
    letters = [w for w in words if any(ch.isalpha() for ch in w)]
    return len(letters) >= 2 and (any(w.lower() in _FUNCTION_WORDS for w in letters)
                                  or all(w.islower() for w in letters))


def _classify(words: list[str]) -> str:
    joined = " ".join(words)
    if has_diacritics(joined):
        return "diacritics"
    letters = [ch for ch in joined if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return "acronym"
    if any(w[0].isupper() for w in words):
        return "name"
    if len(words) >= 2:
        return "phrase"
    # A lone lower-case English word ("extra", "da"); single letters and handles are left alone.
    return "word" if len(words[0]) >= 2 and words[0].isalpha() else "other"


def runs(doc, state: State):
    """(start, end, class) for each Latin run worth a look, computed once per document and allow-list."""
    key = ("script-mix", state.allow, state.min_arabic_share)
    if key in doc.cache:
        return doc.cache[key]
    out = []
    text = doc.text
    for line in doc.lines:
        segment = text[line.start : line.end]
        if not segment or not _ANY_LATIN.search(segment):
            continue
        letters = len(_LETTER.findall(segment))
        if not letters or len(_ARABIC_LETTER.findall(segment)) / letters < state.min_arabic_share:
            continue
        for m in _RUN.finditer(segment):
            start, end = line.start + m.start(), line.start + m.end()
            if _URLISH.search(text, max(start - 8, line.start), min(end + 8, line.end)):
                continue
            before = text[max(line.start, start - 40) : start].rstrip()
            # "أونجو كتشلي (Öncü Keçeli)": the Latin glosses an Arabic rendering just before it.
            if before.endswith("(") and _GLOSSED.fullmatch(before[:-1].rstrip()[-1:] or "x"):
                continue
            # A Latin name quoted on purpose ("Carpe Diem II", the ship) is the writer's choice; a
            # quoted English phrase or title ("The Hills Have Eyes", "spit the dummy") is untranslated.
            after = text[end : min(line.end, end + 40)].lstrip()
            if (before[-1:] in _OPENING_QUOTES and after[:1] == _OPENING_QUOTES[before[-1]]
                    and not _english_phrase(m.group().split())):
                continue
            words = [w for w in m.group().split() if not w.isdigit()]
            kept = [w for w in words if w not in state.allow and w.strip(".-") not in state.allow]
            if not kept:
                continue
            out.append((start, end, _classify(words), m.group()))
    doc.cache[key] = out
    return out


def check(doc, state: State, ctx):
    text = doc.text
    for start, end, kind, run in runs(doc, state):
        if kind in state.report:
            suggestion, grounded = suggest(doc, run, state) if kind in ("diacritics", "name") else ("", False)
            if kind == "name" and not grounded:
                suggestion = ""  # a capitalised English run may be a phrase: guess no spelling for it
            hint_ar = f"؛ في المقال: «{suggestion}»" if kind == "name" and suggestion else ""
            hint_en = f"; the article writes «{suggestion}»" if kind == "name" and suggestion else ""
            # Glued to an Arabic word, the Arabic spelling would fuse with it: suggest, do not replace.
            glued = _GLOSSED.fullmatch(text[start - 1 : start] or "x") or _GLOSSED.fullmatch(text[end : end + 1] or "x")
            yield Hit(start, end, None if glued else suggestion or None,
                      {"suggestion": suggestion, "class": kind, "hint_ar": hint_ar, "hint_en": hint_en})
