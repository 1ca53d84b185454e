"""What a pattern rule's regex needs of a text, read off the regex's own source, so that most
documents are settled without running the regex (which `regex` tries at every position, at
a few MB/s for patterns opening with a lookbehind or a backreference).

Two facts are derived, each a necessary condition for any match, never a guess:

  required literals   strings of which every match (with its lookarounds) contains one: a document
                      holding none of them cannot match, and `in` answers that at memory speed.
  repeated word       a pattern of the shape  G SEP+ (?P=G) (?!{WORD})  (or G (?:SEP+(?P=G))+ …),
                      where G matches word characters only and SEP only horizontal spaces: every
                      match holds a word run R1, spaces, and the next run R2 with R1 ending in R2.
                      One scan per document finds those pairs (shared by every such rule), and the
                      regex is tried only at the few places where G's match may then start.

The parser understands the `regex` V1 syntax the packs use; anything it does not know (fuzzy
matching, verbose mode, recursion, an unknown escape or flag) yields no condition, and the rule
runs as before. A node is a tuple whose first item names its type.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_EXACT_LIMIT = 64  # strings an exact set may hold before it is given up
_CLASS_LIMIT = 32  # characters a class may hold and still count as a set of literals
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ZERO_WIDTH_ESCAPES = set("bBAZzGmMK")
# Horizontal spaces: the separators a repeated-word pattern may use (tab and the Zs spaces), and
# the same as a regex class.
SPACES = "\t \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
SPACE_CLASS = r"[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Spellings of "any letter or mark" as the packs write it ({WORD}, expanded).
_WORD_CLASS = r"[\p{L}\p{M}]"


class _GiveUp(Exception):
    pass


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


def _cased(ch: str) -> bool:
    return ch.lower() != ch.upper() or ch.casefold() != ch


class _Parser:
    def __init__(self, pattern: str, ignorecase: bool):
        self.p = pattern
        self.i = 0
        self.icase = ignorecase

    def parse(self):
        node = self._alternation()
        if self.i != len(self.p):
            raise _GiveUp
        return node

    def _alternation(self):
        branches = [self._sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self._sequence())
        return branches[0] if len(branches) == 1 else ("alt", tuple(branches))

    def _sequence(self):
        items = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            atom = self._atom()
            if atom is not None:
                items.append(self._quantified(atom))
        return ("seq", tuple(items))

    def _quantified(self, atom):
        p = self.p
        if self.i >= len(p):
            return atom
        ch = p[self.i]
        if ch in "*+?":
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[ch]
            self.i += 1
        elif ch == "{":
            end = p.find("}", self.i)
            body = p[self.i + 1 : end] if end > 0 else ""
            parts = body.split(",")
            if end < 0 or len(parts) > 2 or not all(part.isdigit() or (part == "" and len(parts) == 2) for part in parts):
                raise _GiveUp  # fuzzy matching ({e<=1}) or a literal brace: not worth the risk
            low = int(parts[0] or 0)
            high = low if len(parts) == 1 else (int(parts[1]) if parts[1] else None)
            self.i = end + 1
        else:
            return atom
        if self.i < len(p) and p[self.i] in "?+":  # lazy or possessive: the same strings
            self.i += 1
        if atom[0] in ("look", "anchor"):
            return atom
        return ("rep", atom, low, high)

    def _atom(self):
        p, i = self.p, self.i
        ch = p[i]
        if ch == "(":
            return self._group()
        if ch == "[":
            return self._class()
        if ch == "\\":
            return self._escape()
        self.i += 1
        if ch in "^$":
            return ("anchor", ch)
        if ch == ".":
            return ("any",)
        if ch in "*+?{":
            raise _GiveUp
        return self._literal(ch)

    def _literal(self, ch: str):
        if self.icase and _cased(ch):
            return ("any",)
        return ("lit", ch)

    def _escape(self):
        p = self.p
        if self.i + 1 >= len(p):
            raise _GiveUp
        ch = p[self.i + 1]
        self.i += 2
        if ch in "uxU":
            size = {"u": 4, "x": 2, "U": 8}[ch]
            digits = p[self.i : self.i + size]
            if len(digits) != size or any(c not in "0123456789abcdefABCDEF" for c in digits):
                raise _GiveUp
            self.i += size
            return self._literal(chr(int(digits, 16)))
        if ch in _ESCAPES:
            return ("lit", _ESCAPES[ch])
        if ch in "pPN":
            start = self.i - 2
            if self.i < len(p) and p[self.i] == "{":
                end = p.find("}", self.i)
                if end < 0:
                    raise _GiveUp
                self.i = end + 1
            else:
                self.i += 1  # \pL
            return ("any", p[start : self.i])
        if ch in "dDsSwWX":
            return ("any",)
        if ch in _ZERO_WIDTH_ESCAPES:
            return ("anchor",)
        if ch == "0" or ch.isdigit() and p[self.i : self.i + 1].isdigit():
            raise _GiveUp  # octal escapes and backreferences past 9
        if ch.isdigit() or ch == "g":
            if ch == "g":
                end = p.find(">", self.i)
                if not p.startswith("<", self.i) or end < 0:
                    raise _GiveUp
                name = p[self.i + 1 : end]
                self.i = end + 1
            else:
                name = ch
            return ("backref", name)
        if ch.isalnum():  # \L<list>, \Q, \E and other escapes this parser does not model
            raise _GiveUp
        return self._literal(ch)

    def _class(self):
        from ._anchor import _class_end

        end = _class_end(self.p, self.i)
        if end < 0:
            raise _GiveUp
        text = self.p[self.i : end]
        self.i = end
        return ("class", _class_members(text, self.icase), text)

    def _group(self):
        p = self.p
        i = self.i + 1
        name = None
        kind = "group"
        if p.startswith("?", i):
            if p.startswith(("?=", "?!"), i):
                kind, i = p[i : i + 2], i + 2
            elif p.startswith(("?<=", "?<!"), i):
                kind, i = p[i : i + 3], i + 3
            elif p.startswith(("?P<", "?<"), i) or p.startswith("?'", i):
                start = i + (3 if p.startswith("?P<", i) else 2)
                close = p.find(">" if p[start - 1] == "<" else "'", start)
                if close < 0:
                    raise _GiveUp
                name, i = p[start:close], close + 1
            elif p.startswith("?P=", i):
                close = p.find(")", i)
                if close < 0:
                    raise _GiveUp
                self.i = close + 1
                return ("backref", p[i + 3 : close])
            elif p.startswith(("?:", "?>", "?|"), i):
                i += 2
            elif p.startswith("?#", i):
                close = p.find(")", i)
                if close < 0:
                    raise _GiveUp
                self.i = close + 1
                return None
            elif p.startswith("?(", i):  # a conditional: matches something this parser does not model
                from ._anchor import _group_end

                end = _group_end(p, self.i)
                if end < 0:
                    raise _GiveUp
                self.i = end
                return ("opaque",)
            else:
                j = i + 1
                while j < len(p) and (p[j].isalnum() or p[j] == "-"):
                    j += 1
                flags = p[i + 1 : j]
                if j >= len(p) or p[j] not in ":)" or not flags or any(f not in "imsuwV1-" for f in flags):
                    raise _GiveUp  # verbose mode, reverse search, recursion, ...
                if "i" in flags.split("-")[0]:
                    self.icase = True  # from here on (conservatively, for the rest of the pattern)
                if p[j] == ")":
                    self.i = j + 1
                    return None
                i = j + 1
        self.i = i
        body = self._alternation()
        if self.i >= len(p) or p[self.i] != ")":
            raise _GiveUp
        self.i += 1
        if kind != "group":
            return ("look", kind, body)
        return ("group", name, body)


def _class_members(text: str, icase: bool):
    """The characters a simple class ([abc], [a-f], [\\u0640]) matches, or None."""
    body = text[1:-1]
    if not body or body[0] == "^" or "[" in body or any(op in body for op in ("&&", "--", "||", "~~")):
        return None
    members, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1 : i + 2]
            if nxt in ("u", "x", "U"):
                size = {"u": 4, "x": 2, "U": 8}[nxt]
                digits = body[i + 2 : i + 2 + size]
                if len(digits) != size or any(c not in "0123456789abcdefABCDEF" for c in digits):
                    return None
                ch, i = chr(int(digits, 16)), i + 2 + size
            elif nxt in _ESCAPES:
                ch, i = _ESCAPES[nxt], i + 2
            elif nxt and not nxt.isalnum():
                ch, i = nxt, i + 2
            else:
                return None  # \p{..}, \d, \s ...
        else:
            i += 1
        if body[i : i + 1] == "-" and i + 1 < len(body):  # a range
            hi, used = _first_char(body[i + 1 :])
            if hi is None or ord(hi) < ord(ch) or ord(hi) - ord(ch) > _CLASS_LIMIT:
                return None
            members.extend(chr(c) for c in range(ord(ch), ord(hi) + 1))
            i += 1 + used
            continue
        members.append(ch)
    if len(members) > _CLASS_LIMIT or (icase and any(_cased(c) for c in members)):
        return None
    return frozenset(members)


def _first_char(text: str):
    if not text:
        return None, 0
    if text[0] != "\\":
        return text[0], 1
    nxt = text[1:2]
    if nxt in ("u", "x", "U"):
        size = {"u": 4, "x": 2, "U": 8}[nxt]
        digits = text[2 : 2 + size]
        if len(digits) != size:
            return None, 0
        return chr(int(digits, 16)), 2 + size
    if nxt in _ESCAPES:
        return _ESCAPES[nxt], 2
    if nxt and not nxt.isalnum():
        return nxt, 2
    return None, 0


@lru_cache(maxsize=64)  # each pattern is asked several questions in a row
def _parser(pattern: str, ignorecase: bool = False):
    parser = _Parser(pattern, ignorecase)
    try:
        parser.tree = parser.parse()
    except (_GiveUp, IndexError, ValueError):
        parser.tree = None
    return parser


def parse(pattern: str, ignorecase: bool = False):
    """The pattern's tree, or None when it uses syntax this module does not model."""
    return _parser(pattern, ignorecase).tree


# --- Required literals ----------------------------------------------------------------------------

def _product(left, right):
    if len(left) * len(right) > _EXACT_LIMIT:
        return None
    return frozenset(a + b for a in left for b in right)


def _score(strings):
    """How selective a set of strings is likely to be: longer shortest string, then fewer strings."""
    return min(map(len, strings)), -len(strings)


def _usable(strings):
    return strings if strings and "" not in strings else None


def _add(factors: list, strings) -> None:
    if _usable(strings) and strings not in factors:
        factors.append(strings)


@lru_cache(maxsize=4096)  # nodes are tuples; a subtree is asked again by each question
def _info(node):
    exact, factors = _info_of(node)
    return exact, tuple(factors)


def _info_of(node):
    """(exact, factors): exact is the set of all strings the node can match (None when unknown or
    too many); factors are sets of strings such that every match, with its lookarounds, contains
    one string of each set."""
    kind = node[0]
    if kind == "lit":
        return frozenset(node[1]), [frozenset(node[1])]
    if kind == "class":
        members = node[1]
        return (members, [members]) if members else (None, [])
    if kind in ("any", "backref", "opaque"):
        return None, []
    if kind in ("anchor", "look"):
        return frozenset([""]), []
    if kind == "group":
        exact, factors = _info(node[2])
        return exact, factors
    if kind == "alt":
        infos = [_info(branch) for branch in node[1]]
        exact = None
        if all(e is not None for e, _ in infos):
            union = frozenset().union(*(e for e, _ in infos))
            exact = union if len(union) <= _EXACT_LIMIT else None
        factors = []
        if _usable(exact):
            factors.append(exact)
        elif all(f for _, f in infos):  # one set per branch: a match contains one of their union
            for pick in (lambda f: max(f, key=_score), lambda f: min(f, key=len)):
                union = frozenset().union(*(pick(f) for _, f in infos))
                if len(union) <= 4 * _EXACT_LIMIT and union not in factors:
                    factors.append(union)
        return exact, factors
    if kind == "rep":  # X{low,high}
        exact, factors = _info(node[1])
        low, high = node[2], node[3]
        out = None
        if exact is not None and high is not None and high <= 8:
            out, power = (frozenset([""]) if low == 0 else None), frozenset([""])
            for n in range(1, high + 1):
                power = _product(power, exact)
                if power is None:
                    out = None
                    break
                if n >= low:
                    out = power if out is None else out | power
            if out is not None and len(out) > _EXACT_LIMIT:
                out = None
        return out, (factors if low >= 1 else [])
    if kind == "seq":
        # `run` is the set of strings the items since the last unknown one spell together.
        run, exact_all, factors = frozenset([""]), True, []
        for item in node[1]:
            if item[0] == "look":
                if item[1] in ("?=", "?<="):
                    inner, inner_factors = _info(item[2])
                    for f in inner_factors:
                        _add(factors, f)
                    if _usable(inner):
                        if item[1] == "?=":  # the text here starts with it: run and it are adjacent
                            joined = _product(run, inner)
                            _add(factors, joined)
                        elif run == frozenset([""]):  # the text here ends with it
                            run = inner
                            exact_all = False
                continue
            exact, item_factors = _info(item)
            if exact is not None:
                joined = _product(run, exact)
                if joined is None:
                    _add(factors, run)
                    run = exact
                else:
                    run = joined
                continue
            exact_all = False
            for f in item_factors:
                _add(factors, f)
            inner = _info(item[1])[0] if item[0] == "rep" and item[2] >= 1 else None
            if _usable(inner):  # X+ starts and ends with an X
                _add(factors, _product(run, inner))
                run = inner
            else:
                _add(factors, run)
                run = frozenset([""])
        _add(factors, run)
        return (run if exact_all else None), factors
    return None, []


def required_literals(pattern: str, ignorecase: bool = False, keep: int = 3):
    """Sets of strings such that every match of the (macro-expanded) pattern contains a string of
    each set, the most selective first (at most `keep` sets), or None."""
    tree = parse(pattern, ignorecase)
    if tree is None:
        return None
    exact, factors = _info(tree)
    if _usable(exact):
        factors = [exact, *factors]
    # A string holding a shorter one of its set adds nothing: where it occurs, the shorter one does.
    factors = {frozenset(s for s in f if not any(t != s and t in s for t in f)) for f in factors if _usable(f)}
    factors = sorted(factors, key=_score, reverse=True)[:keep]
    return tuple(tuple(sorted(f)) for f in factors) or None


# --- Prefixes -------------------------------------------------------------------------------------

_PREFIX_LIMIT = 256


def _prefixes(node):
    """A set of strings every match of node starts with one of ("" when nothing is known), or None
    when node may match something this module cannot describe."""
    kind = node[0]
    if kind in ("anchor", "look"):
        return frozenset([""])
    if kind == "group":
        return _prefixes(node[2])
    if kind == "alt":
        found = [_prefixes(b) for b in node[1]]
        return None if any(f is None for f in found) else frozenset().union(*found)
    exact = _info(node)[0]
    if exact is not None:
        return exact
    if kind == "rep":
        return _prefixes(node[1]) if node[2] >= 1 else frozenset([""])
    if kind == "seq":
        found = frozenset([""])
        for item in node[1]:
            if item[0] in ("anchor", "look"):
                continue
            exact = _info(item)[0]
            step = exact if exact is not None else _prefixes(item)
            if step is None:
                return found
            joined = _product(found, step) if len(found) * len(step) <= _PREFIX_LIMIT else None
            if joined is None:
                return found
            found = joined
            if exact is None:
                return found
        return found
    return None


def prefixes(pattern: str, ignorecase: bool = False):
    """Strings one of which every match starts with, or None: the regex need be tried only where
    one of them occurs."""
    tree = parse(pattern, ignorecase)
    found = _prefixes(tree) if tree is not None else None
    if not found or "" in found or len(found) > _PREFIX_LIMIT:
        return None
    # A string with a shorter one of the set as its prefix adds nothing: the shorter one is found.
    return tuple(sorted(s for s in found if not any(s != t and s.startswith(t) for t in found)))


def has_leading_literal(pattern: str) -> bool:
    """Whether a single fixed string stands at a bounded distance from every match's start (after
    `[وف]?` or a lookbehind, say): `regex` then finds candidates itself with a fast string search,
    and an anchor of ours would only add a pass."""
    tree = parse(pattern)
    if tree is None or tree[0] != "seq":
        return False
    for item in tree[1]:
        exact = _info(item)[0]
        if item[0] == "rep" and item[2] >= 1:
            exact = _info(item[1])[0]  # X+ opens with X
        if exact is not None and len(exact) == 1 and "" not in exact:
            return True
        if _lengths(item)[1] is None:
            return False
    return False


def starts_after_non_word(pattern: str) -> bool:
    """Whether the pattern opens with (?<![\\p{L}\\p{M}]) before anything it consumes: a match then
    never starts right after a letter or a mark, and such places need not be tried."""
    tree = parse(pattern)
    if tree is None or tree[0] != "seq":
        return False
    for item in tree[1]:
        if item[0] == "look" and item[1] == "?<!" and _is_word_class(item[2]):
            return True
        if item[0] not in ("look", "anchor"):
            return False
    return False


# --- Repeated words -------------------------------------------------------------------------------

@dataclass(frozen=True)
class RepeatedWord:
    """A match holds  G SEP+ G  with G a word run's tail: its start lies pre_min..pre_max characters
    before where G begins."""
    pre_min: int
    pre_max: int


def _lengths(node):
    """(shortest, longest) a node can match; longest None when unbounded."""
    kind = node[0]
    if kind in ("lit", "class", "any"):
        return 1, 1
    if kind in ("anchor", "look"):
        return 0, 0
    if kind in ("backref", "opaque"):
        return 0, None
    if kind == "group":
        return _lengths(node[2])
    if kind == "alt":
        found = [_lengths(b) for b in node[1]]
        return min(lo for lo, _ in found), (None if any(hi is None for _, hi in found) else max(hi for _, hi in found))
    if kind == "rep":
        lo, hi = _lengths(node[1])
        return lo * node[2], (None if hi is None or node[3] is None else hi * node[3])
    lo, hi = 0, 0
    for item in node[1]:
        a, b = _lengths(item)
        lo += a
        hi = None if hi is None or b is None else hi + b
    return lo, hi


def _word_class(text: str) -> bool:
    """Whether a class's source spells a set of letters and marks only."""
    if text in (_WORD_CLASS, r"\p{L}", r"\p{M}"):
        return True
    if not (text.startswith("[") and text.endswith("]")):
        return False
    body = text[1:-1]
    for op in ("&&", "--"):
        depth, i = 0, 0
        while i < len(body):
            if body[i] == "\\":
                i += 2
                continue
            depth += body[i] == "["
            depth -= body[i] == "]"
            if depth == 0 and body.startswith(op, i):
                left, right = body[:i], body[i + 2 :]
                if op == "--":
                    return _word_class(left if left.startswith("[") else f"[{left}]")
                return any(_word_class(part if part.startswith("[") else f"[{part}]") for part in (left, right))
            i += 1
    if body in (r"\p{L}\p{M}", r"\p{M}\p{L}", r"\p{L}", r"\p{M}"):
        return True
    if body.startswith("[") and body.endswith("]") and _word_class(body):
        return True
    members = _class_members(text, False)
    return bool(members) and all(_is_word_char(c) for c in members)


def _word_only(node) -> bool:
    """Whether everything the node consumes is letters and marks."""
    kind = node[0]
    if kind == "lit":
        return _is_word_char(node[1])
    if kind == "class":
        return _word_class(node[2])
    if kind == "any":
        return len(node) > 1 and node[1] in (r"\p{L}", r"\p{M}", r"\pL", r"\pM")
    if kind in ("anchor", "look"):
        return True
    if kind in ("group",):
        return _word_only(node[2])
    if kind == "alt":
        return all(_word_only(b) for b in node[1])
    if kind == "rep":
        return _word_only(node[1])
    if kind == "seq":
        return all(_word_only(item) for item in node[1])
    return False


def _ends_with_group(node):
    """(name, pre_min, pre_max, groups) when every match of node ends with a named group's match
    (trailing lookarounds aside), pre_* being how far before the group's start node's match starts."""
    kind = node[0]
    if kind == "group":
        if node[1] is not None and not node[1].isdigit():
            return node[1], 0, 0, [node]
        return _ends_with_group(node[2]) if node[1] is None else None
    if kind == "alt":
        found = [_ends_with_group(b) for b in node[1]]
        if any(f is None for f in found) or len({f[0] for f in found}) != 1:
            return None
        return found[0][0], min(f[1] for f in found), max(f[2] for f in found), [g for f in found for g in f[3]]
    if kind == "seq":
        items = node[1]
        k = len(items)
        while k and items[k - 1][0] in ("look", "anchor"):
            k -= 1
        if not k:
            return None
        inner = _ends_with_group(items[k - 1])
        if inner is None:
            return None
        lo, hi = _lengths(("seq", items[: k - 1]))
        if hi is None:
            return None
        return inner[0], inner[1] + lo, inner[2] + hi, inner[3]
    return None


def _separator(node) -> bool:
    """SEP+ : one or more of a class of horizontal spaces (or just one)."""
    if node[0] == "rep" and node[2] >= 1:
        inner = node[1]
    elif node[0] in ("lit", "class"):
        inner = node
    else:
        return False
    members = inner[1] if inner[0] == "class" else frozenset(inner[1]) if inner[0] == "lit" else None
    return bool(members) and all(c in SPACES for c in members)


def _is_word_class(body) -> bool:
    """Whether a lookaround's body is exactly [\\p{L}\\p{M}] ({WORD})."""
    if body[0] == "seq" and len(body[1]) == 1:
        body = body[1][0]
    return body[0] == "class" and body[2] == _WORD_CLASS


def _not_word_ahead(node) -> bool:
    return node[0] == "look" and node[1] == "?!" and _is_word_class(node[2])


def repeated_word(pattern: str):
    """RepeatedWord when the pattern has the shape described in the module's docstring, else None."""
    tree = parse(pattern)
    if tree is None or tree[0] != "seq":
        return None
    items = tree[1]
    for i, item in enumerate(items):
        found = _ends_with_group(item)
        if found is None:
            continue
        name, pre_min, pre_max, groups = found
        lo, hi = _lengths(("seq", items[:i]))
        if hi is None:
            continue
        rest = items[i + 1 :]
        backref = ("backref", name)
        if len(rest) >= 2 and rest[0][0] == "rep" and rest[0][2] >= 1 and rest[0][1][0] == "group" \
                and rest[0][1][1] is None and rest[0][1][2][0] == "seq":
            body = rest[0][1][2][1]
            shaped = len(body) == 2 and _separator(body[0]) and body[1] == backref
            after = rest[1]
        elif len(rest) >= 3:
            shaped = _separator(rest[0]) and rest[1] == backref
            after = rest[2]
        else:
            continue
        if not shaped or not _not_word_ahead(after):
            continue
        if not all(_word_only(g[2]) and _lengths(g[2])[0] >= 1 for g in groups):
            continue
        return RepeatedWord(lo + pre_min, hi + pre_max)
    return None
