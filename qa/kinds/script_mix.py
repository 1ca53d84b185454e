"""Kind `script-mix`: runs of Latin-script words inside Arabic lines.

Each run is classified once per document (shared by every rule of this kind):
  diacritics  a name with Latin diacritics (Öncü Keçeli): left untransliterated by MT
  name        capitalised words (Sonata Coulter)
  acronym     capitals and digits (IAEA, F-16)
  phrase      two or more lowercase words (according to sources)
Runs that are fine are dropped before any rule sees them: lines that are mostly Latin, URLs,
e-mail addresses and @handles, Latin in parentheses right after an Arabic rendering
("أونجو كتشلي (Öncü Keçeli)"), and terms on the rule's allow-list (NATO, G20, iPhone …).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from ..arabic import transliterate
from . import Hit, ParamError
from ._util import check_params, expect

PARAMS = {
    "report": "which classes of run this rule reports: a list of diacritics, name, acronym, phrase",
    "allow": "inline list of Latin terms newsrooms keep in Latin (matched case-sensitively, word by word)",
    "allow_file": "path of a YAML list of such terms, relative to the pack",
    "min_arabic_share": "only lines whose letters are at least this share Arabic (default 0.5)",
}
CLASSES = ("diacritics", "name", "acronym", "phrase")

_WORD = r"[\p{Latin}][\p{Latin}\p{M}\p{Nd}'’&]*(?:[-.][\p{Latin}\p{Nd}]+)*"
_RUN = regex.compile(rf"(?<![\p{{Latin}}\p{{Nd}}@#/.:_-]){_WORD}(?:[ \u00a0]+(?:{_WORD}|\p{{Nd}}+))*", regex.V1)
_URLISH = regex.compile(r"(?i)(?:https?://|www\.|\.(?:com|org|net|gov|edu|int|info|io|ar|fr|uk|tr|ru)\b)|@")
_ARABIC_LETTER = regex.compile(r"[\p{scx=Arabic}&&\p{L}]", regex.V1)
# What may stand just before "(Latin)" for the Latin to count as a gloss: an Arabic word or a number.
_GLOSSED = regex.compile(r"[\p{scx=Arabic}&&[\p{L}\p{M}]]|\p{Nd}", regex.V1)
_LETTER = regex.compile(r"\p{L}")
_ANY_LATIN = regex.compile(r"\p{Latin}")
_SPECIAL = set("ıłøđßæœðþİ")
_OPENING_QUOTES = {'"': '"', "«": "»", "“": "”", "'": "'"}


def has_diacritics(text: str) -> bool:
    return any(ch.lower() in _SPECIAL or (ch.isalpha() and len(unicodedata.normalize("NFD", ch)) > 1) for ch in text)


@dataclass
class State:
    report: frozenset
    allow: frozenset
    min_arabic_share: float


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
    return State(frozenset(report), frozenset(allow), float(expect(params, "min_arabic_share", (int, float), 0.5)))


def _classify(words: list[str]) -> str:
    joined = " ".join(words)
    if has_diacritics(joined):
        return "diacritics"
    letters = [ch for ch in joined if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return "acronym"
    if any(w[0].isupper() for w in words):
        return "name"
    return "phrase" if len(words) >= 2 else "word"


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
            # A Latin name quoted on purpose ("Carpe Diem II", the ship) is the writer's choice.
            after = text[end : min(line.end, end + 40)].lstrip()
            if before[-1:] in _OPENING_QUOTES and after[:1] == _OPENING_QUOTES[before[-1]]:
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
            suggestion = transliterate(run) if kind == "diacritics" else ""
            # Glued to an Arabic word, the Arabic spelling would fuse with it: suggest, do not replace.
            glued = _GLOSSED.fullmatch(text[start - 1 : start] or "x") or _GLOSSED.fullmatch(text[end : end + 1] or "x")
            yield Hit(start, end, None if glued else suggestion or None, {"suggestion": suggestion, "class": kind})
