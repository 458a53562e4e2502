"""RB105 and RB112 reading German: impact ("Umsatz um 20 % steigern") and vague done_when ("Zusammenarbeit stärken").

The same questions as `impact` and `verifiable`, asked in German grammar:

- inflection and compounds: every noun and adjective is reduced to its Snowball
  stem (`snowballstemmer`, German), so "Umsätze", "Umsatzes" and "Umsatz" are one
  word, and a compound is read by its head: "Nutzerzahlen" counts people
  (head "zahl", first part "nutzer"), "Umsatzwachstum" moves money, "Umsatzbericht"
  is a report. Verbs are listed by infinitive and expanded to their forms in
  `lexicon_de` (participles with and without "ge-", separable prefixes);
- word order: German puts the verb last ("Die Nutzerzahl bis 2025 verdoppeln",
  "Das Portal wird bis 2025 eingeführt"), so a metric's verb is looked for on both
  sides, within its clause and at most `_REACH` tokens away; a separable verb's
  particle at the clause's end is read with its verb ("Wir führen das Portal ein");
- numbers and dates: "20 %", "um 20 %", "2.000", "1,5 Mio. €" are quantities;
  "31.12.2025", "2025", "Q3", "im 2. Quartal" are dates: a date makes a done_when
  checkable but never a target of a metric.

Nothing here is learnt from the corpus: the words are `lexicon_de`'s. Every
look-around is bounded, so the reading is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rolebook.checks.language import lexicon_de as D
from rolebook.checks.language.impact import Impact  # one answer's shape for both languages
from rolebook.checks.language.verifiable import Unverifiable

_REACH = 16  # German puts the verb last: "den Anteil ... auf 3,5 Prozent des BIP bis 2025 erhöhen"
_SHOWN = 3
_TOKEN = re.compile(
    r"(?P<date>\d{1,2}\.\d{1,2}\.(?:\d{2,4})?)"
    r"|(?P<num>[€$£]?\d+(?:[.,]\d+)*(?:\s?(?:%|‰|€))?)"
    r"|(?P<word>[^\W\d_](?:[^\W_]|[-'’/](?=[^\W_]))*)"
    r"|(?P<sym>[^\w\s])"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_QUARTER = re.compile(r"^(?:q[1-4]|h[12]|kw\d{1,2})$")


@dataclass(frozen=True)
class Token:
    text: str
    low: str
    kind: str  # "num", "date", "word" or "sym"


# -- words -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer  # loaded on the first German text only: English handbooks never pay for it

    return snowballstemmer.stemmer("german")


@lru_cache(maxsize=65536)
def stem(low: str) -> str:
    return _stemmer().stemWord(low)


_CLASSES = (("vague", D.VAGUE), ("direction", D.DIRECTION_NOUNS), ("artefact", D.ARTEFACTS), ("actor", D.ACTORS),
            ("behaviour", D.BEHAVIOUR), ("money", D.MONEY), ("acquire", D.ACQUIRE_NOUNS), ("move", D.MOVE_NOUNS),
            ("count", D.COUNT_HEADS), ("weak", D.WEAK_NOUNS), ("delivery", D.DELIVERY_NOUNS))
_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "nen")


@lru_cache(maxsize=1)
def _surface() -> dict[str, str]:
    """{written form: class} of every listed noun with its usual endings; later classes win."""
    table: dict[str, str] = {}
    for cls, words in _CLASSES:
        for w in words:
            for ending in _ENDINGS:
                table[w + ending] = cls
    return table


@lru_cache(maxsize=1)
def _heads() -> dict[str, tuple[str, str]]:
    """{stem: (class, listed word)}: what a word whose written form is not listed reads as, by its stem."""
    table: dict[str, tuple[str, str]] = {}
    for cls, words in _CLASSES:
        for w in words:
            table[stem(w)] = (cls, w)
    return table


@lru_cache(maxsize=1)
def _stem_sets() -> dict[str, frozenset[str]]:
    return {"quality": frozenset(stem(w) for w in D.QUALITIES), "praise": frozenset(stem(w) for w in D.PRAISE),
            "people": frozenset(stem(w) for w in D.ACTORS) | frozenset(stem(w) for w in D.PEOPLE),
            "metric": frozenset(stem(w) for w in D.MONEY + D.BEHAVIOUR)}


@lru_cache(maxsize=65536)
def noun(low: str) -> tuple[str, str, str] | None:
    """(class, head, first part) of a noun by its head: "nutzerzahlen" -> ("count", "zahlen", "nutzer").

    The written form is read first ("unterstützung" is not "unterstützer", whose stems Snowball makes one);
    then its Snowball stem ("umsätze" -> umsatz). Heads have four letters or more, the search is bounded.
    """
    low = low.replace("-", "")
    surface = _surface()
    for k in range(max(0, len(low) - 28), len(low) - 3):
        if low[k:] in surface:
            return surface[low[k:]], low[k:], low[:k]
    heads = _heads()
    s = stem(low)
    for candidate in ((s, s[:-1]) if s.endswith("s") else (s,)):  # "workshops": Snowball keeps an English plural
        for k in range(max(0, len(candidate) - 24), len(candidate) - 3):
            found = heads.get(candidate[k:])
            if found and not (low.endswith(("ung", "ungen")) and not found[1].endswith("ung")):
                return found[0], candidate[k:], candidate[:k]
    return None


@lru_cache(maxsize=65536)
def _first_part(part: str) -> str | None:
    """What the first part of a compound names: "nutzer" -> "actor", "umsatz" -> "money"."""
    part = part.rstrip("s") if len(part) > 4 else part
    found = noun(part) if len(part) > 3 else None
    if found and found[0] in ("actor", "money", "behaviour"):
        return found[0]
    return None


def _cls(tok: Token, lower_text: bool) -> str | None:
    """The noun class of a token: nouns are capitalised in German (unless the whole text is lower case)."""
    if tok.kind != "word" or not (lower_text or tok.text[:1].isupper()):
        return None
    found = noun(tok.low)
    if found is None:
        return None
    cls, head, first = found
    if cls == "count":
        if first:
            return "metric" if _first_part(first) else None  # "Nutzerzahlen", "Fahrgastzahlen", not "Fallzahlen"
        return "metric" if head.startswith(("anteil", "quote", "anzahl")) else "count"  # a share; "Zahl" needs "der"
    if cls == "move":
        return "moved" if first and _first_part(first) in ("money", "behaviour", "actor") else "move"
    if cls == "acquire":
        return "acquired" if first and _first_part(first) == "actor" else None  # "Kundengewinnung"
    if cls in ("money", "behaviour"):
        return "metric"
    return cls


def _is_verb(tok: Token, i: int, forms: frozenset[str]) -> bool:
    if tok.kind != "word" or tok.low not in forms:
        return False
    return i == 0 or not tok.text[:1].isupper() or tok.text.isupper()  # "Nutzen" mid-sentence is a noun


# -- tokens ----------------------------------------------------------------------

@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Words, numbers, dates and symbols; "Mio." and "2." keep their period, which then breaks no clause."""
    raw: list[tuple[str, str, int, int]] = [(m.group(0), m.lastgroup or "sym", m.start(), m.end())
                                            for m in _TOKEN.finditer(text)]
    out: list[Token] = []
    for n, (t, kind, start, end) in enumerate(raw):
        low = t.lower()
        if kind == "sym" and t == "." and out and start == raw[n - 1][3]:
            before = out[-1]
            if before.low in D.ABBREVIATIONS:
                continue  # "Mio.", "mind.", "z.B."
            if before.kind in ("num", "date") and n + 1 < len(raw) and raw[n + 1][1] == "word":
                nxt = raw[n + 1][0].lower()
                if nxt in D.PERIODS or nxt in D.MONTHS:
                    out[-1] = Token(before.text + ".", before.low + ".", "date")  # "im 2. Quartal", "1. März"
                    continue
        if kind == "num":
            if _YEAR.match(low) and not (n + 1 < len(raw) and raw[n + 1][0] in ("%", "€")):
                kind = "date"
        elif kind == "word" and (_QUARTER.match(low) or low in D.MONTHS):
            kind = "date"
        out.append(Token(t, low, kind))
    return tuple(out)


def _clauses(toks: tuple[Token, ...]) -> list[list[tuple[int, Token]]]:
    clauses: list[list[tuple[int, Token]]] = [[]]
    for i, t in enumerate(toks):
        if t.kind == "sym" and t.low in D.CLAUSE_BREAKS:
            clauses.append([])
        else:
            clauses[-1].append((i, t))
    return [c for c in clauses if c]


def _verb_in(clause: list[tuple[int, Token]], at: int, forms: frozenset[str], reach: int = _REACH) -> Token | None:
    """The nearest verb of `forms` to position `at` of the clause, on either side, within `reach` tokens."""
    particles = _particle_verbs(clause, forms)
    for d in range(1, reach + 1):
        for j in (at - d, at + d):
            if 0 <= j < len(clause):
                i, t = clause[j]
                if _is_verb(t, i, forms) or t.low in particles:
                    return t
    return None


def _particle_verbs(clause: list[tuple[int, Token]], forms: frozenset[str]) -> frozenset[str]:
    """Finite forms whose particle ends the clause: "Wir führen das Portal ein" reads "einführen"."""
    last = clause[-1][1].low
    finite = D.PARTICLES.get(last)
    if not finite:
        return frozenset()
    return frozenset(f for f in finite if last + f in forms)


_NOT_A_TARGET = D.MEASURE_VERBS | D.WEAK_VERBS | D.DIRECTION_VERBS
_DELIVERS = D.DELIVERY_VERBS - D.WEAK_VERBS - D.DIRECTION_VERBS
_DELIVERS_STRONG = D.DELIVERY_VERBS - D.WEAK_VERBS
_DELIVERS_NOT_ACQUIRES = D.DELIVERY_VERBS - D.ACQUIRE_VERBS
_MEASURES_ONLY = D.MEASURE_VERBS - D.MOVE_VERBS

# -- RB105 -----------------------------------------------------------------------

def impact_of(text: str) -> Impact | None:
    """The first impact commitment in German `text`, with the words that decided, or None."""
    return _impact_of(text)


@lru_cache(maxsize=8192)
def _impact_of(text: str) -> Impact | None:
    toks = tokenize(text)
    lower_text = not any(c.isupper() for c in text[1:])
    for clause in _clauses(toks):
        found = _satisfaction(clause, lower_text) or _passive_usage(clause, lower_text) or _metrics(clause, lower_text)
        if found:
            return found
    return None


_KEYS = {"satisfaction": ("zufriedenheit",), "adoption": ("nutzung", "akzeptanz", "verbreitung", "adoption")}


def _metric_key(tok: Token) -> str:
    """ "satisfaction" or "adoption" (named in the message's own words, translated), else the role's word."""
    found = noun(tok.low)
    head = found[1] if found else ""
    for key, words in _KEYS.items():
        if any(head.startswith(w) or head == stem(w) for w in words):
            return key
    return tok.text


def _quantity(t: Token) -> bool:
    return t.kind == "num" or t.low in D.NUMBER_WORDS or t.low in D.QUANTITIES


def _number_before(clause: list[tuple[int, Token]], p: int, lower_text: bool) -> Token | None:
    """A number or comparative targeting the noun at clause position p: "20 % mehr Umsatz", "10 neue Kunden"."""
    for j in range(p - 1, max(-1, p - 5), -1):
        t = clause[j][1]
        if _quantity(t) or t.low in D.COMPARATIVES:
            if j and clause[j - 1][1].low in D.DETACH and t.low not in D.COMPARATIVES:
                return None  # "Workshop mit 30 Teilnehmenden": the size of an event
            if j and clause[j - 1][1].low in D.DETACH and t.low in D.COMPARATIVES:
                return None  # "für neue Kunden"
            return t
        if t.kind == "date" or t.kind == "sym" and t.low not in {"%", "€", "+", "-", "/"}:
            return None
        if t.kind == "word" and (_cls(t, lower_text) or t.low in D.DETACH or t.low in D.ARTICLES):
            return None
    return None


def _target_after(clause: list[tuple[int, Token]], p: int) -> Token | None:
    """A number after the metric, through a link: "Umsatz von 2 Mio. €", "NPS über 50", "Reichweite: 10.000"."""
    linked = False
    for j in range(p + 1, min(len(clause), p + 6)):
        t = clause[j][1]
        if _quantity(t) and t.kind != "date" and linked:
            return t
        if t.low in D.LINKS_TO_TARGET or t.low in D.ARTICLES or t.low in ("der", "pro", "je", "monatlich", "jährlich"):
            linked = True
            continue
        if t.kind == "date":
            continue
        break
    return None


def _um_percent(clause: list[tuple[int, Token]]) -> Token | None:
    """ "um 20 %": a change by a share, the movement of whatever metric the clause names."""
    for j in range(len(clause) - 1):
        if clause[j][1].low == "um" and clause[j + 1][1].kind == "num" and "%" in clause[j + 1][1].text + (
                clause[j + 2][1].text if j + 2 < len(clause) else ""):
            return clause[j + 1][1]
    return None


def _blocked(clause: list[tuple[int, Token]], p: int, lower_text: bool) -> bool:
    """The metric names a thing built or measured: "Umsatz Dashboard", "Kundenzufriedenheit messen"."""
    if p + 1 < len(clause) and _cls(clause[p + 1][1], lower_text) == "artefact":
        return True
    return _verb_in(clause, p, _MEASURES_ONLY) is not None


def _metrics(clause: list[tuple[int, Token]], lower_text: bool) -> Impact | None:
    has_delivery = any(_is_verb(t, i, _DELIVERS_NOT_ACQUIRES) for i, t in clause)
    other_verbs = any(_is_verb(u, k, _NOT_A_TARGET) for k, u in clause)
    for p, (i, t) in enumerate(clause):
        cls = _cls(t, lower_text)
        if cls in ("moved", "acquired"):
            if not _blocked(clause, p, lower_text):
                return Impact(_metric_key(t), (t.text,))  # "Umsatzwachstum", "Kundengewinnung"
            continue
        if cls == "count" and p + 1 < len(clause) and clause[p + 1][1].low in ("der", "des", "von", "an"):
            cls = "metric"  # "die Zahl der Mitglieder", "die Quote von"
        if cls == "metric":
            if _blocked(clause, p, lower_text):
                continue
            mover = _verb_in(clause, p, D.MOVE_VERBS)
            noun_before = next((clause[j][1] for j in range(p - 1, max(-1, p - 4), -1)
                                if _cls(clause[j][1], lower_text) == "move"), None)
            evidence = (mover or noun_before or _number_before(clause, p, lower_text) or _target_after(clause, p)
                        or _um_percent(clause))
            if evidence is not None:
                return Impact(_metric_key(t), (evidence.text, t.text))
        elif cls == "actor":
            acquirer = _verb_in(clause, p, D.ACQUIRE_VERBS)
            if acquirer is not None:
                return Impact(t.text, (acquirer.text, t.text))
            number = _number_before(clause, p, lower_text)
            if number is None:
                continue
            doing = _verb_in(clause, p, D.BEHAVIOUR_VERBS, reach=8)
            if doing is not None:
                return Impact(_metric_key(t), (number.text, t.text, doing.text))
            if not has_delivery and not other_verbs:
                return Impact(t.text, (number.text, t.text))  # "10.000 aktive Nutzerinnen bis Ende 2025"
    return _share_target(clause, lower_text)


def _share_target(clause: list[tuple[int, Token]], lower_text: bool) -> Impact | None:
    """ "den Schienengüterverkehr auf 25 Prozent steigern", "30 % Ökolandbau erreichen": a share of something
    the role does not make, moved to a target. Not the role's own figures: times, coverage, costs, errors."""
    mover = next(((p, t) for p, (i, t) in enumerate(clause) if _is_verb(t, i, D.MOVE_VERBS)), None)
    if mover is None:
        return None
    for p, (_, t) in enumerate(clause):
        percent = t.kind == "num" and "%" in t.text or (
            t.kind == "num" and p + 1 < len(clause) and clause[p + 1][1].low in ("%", "prozent"))
        if not percent or abs(p - mover[0]) > _REACH:
            continue
        nouns = [u for _, u in clause[max(0, p - 4):p + 4] if u.kind == "word" and u.text[:1].isupper() and u.low != "prozent"]
        if not nouns or any(_cls(u, lower_text) == "artefact" or _own(u.low) for u in nouns):
            return None
        return Impact(nouns[0].text, (t.text, mover[1].text))
    return None


def _own(low: str) -> bool:
    """A figure of the role's own work: "Ladezeit", "Testabdeckung", "Kosten", "Fehlerquote", "Verfügbarkeit"."""
    return low.endswith(D.OWN_FIGURES)


def _satisfaction(clause: list[tuple[int, Token]], lower_text: bool) -> Impact | None:
    """A share of people who are content or say so: "90 % der Nutzer sind zufrieden"."""
    percent = next((t for _, t in clause if t.kind == "num" and "%" in t.text), None)
    if percent is None:
        percent = next((clause[j][1] for j in range(len(clause) - 1)
                        if clause[j][1].kind == "num" and clause[j + 1][1].low in ("%", "prozent")), None)
    if percent is None:
        return None
    people = _stem_sets()["people"]
    if not any(t.kind == "word" and stem(t.low) in people for _, t in clause):
        return None
    said = next((t for _, t in clause if t.low in D.SENTIMENT), None)
    return Impact("satisfaction", (percent.text, said.text)) if said is not None else None


def _passive_usage(clause: list[tuple[int, Token]], lower_text: bool) -> Impact | None:
    """ "wird von 10 Kommunen genutzt", "in fünf Vereinen im Einsatz": counted people use it."""
    for p, (_, t) in enumerate(clause):
        if t.low not in ("von", "durch", "in", "bei"):
            continue
        who = clause[p + 1:p + 5]
        counted = any(_quantity(u) and u.kind != "date" for _, u in who)
        people = any(_cls(u, lower_text) == "actor" for _, u in who)
        if not (counted and people):
            continue
        for _, u in clause[p + 1:p + 1 + 8]:
            if u.low in D.BEHAVIOUR_VERBS and u.low not in D.DELIVERY_VERBS and not u.low.startswith("zu"):
                return Impact("adoption", (t.text, u.text))
    return None


# -- RB112 -----------------------------------------------------------------------

def unverifiable(text: str) -> Unverifiable | None:
    """None when German `text` names something checkable, else the words that make it vague."""
    return _unverifiable(text)


@lru_cache(maxsize=8192)
def _unverifiable(text: str) -> Unverifiable | None:
    toks = tokenize(text)
    if any(t.kind in ("num", "date") or t.low in D.NUMBER_WORDS for t in toks):
        return None  # a count, date or threshold
    if "`" in text or "http://" in text or "https://" in text or "](" in text:
        return None  # code or a link
    lower_text = not any(c.isupper() for c in text[1:])
    words = [(i, t) for i, t in enumerate(toks) if t.kind == "word"]
    if not words:
        return None
    sets = _stem_sets()
    names_a_thing = _names_a_thing(toks, words, lower_text)
    praise = [t.text for _, t in words if any(stem(part) in sets["praise"] for part in t.low.split("-")[:_SHOWN])]
    if praise and not names_a_thing:
        return Unverifiable(tuple(praise[:_SHOWN]))
    direction = _direction(toks, words, lower_text, names_a_thing)
    if direction is not None:
        return Unverifiable((direction,), direction)
    if names_a_thing or any(_is_verb(t, i, _DELIVERS_STRONG) or (noun(t.low) or ("",))[0] == "delivery"
                            for i, t in words):
        return None
    if any(t.low in D.CONDITIONS for _, t in words[1:]):
        return None  # "Admins können ...": a behaviour one can try
    vague = [t.text for _, t in words if _cls(t, lower_text) in ("vague", "direction")
             or stem(t.low) in sets["quality"]]
    return Unverifiable(tuple(vague[:_SHOWN])) if vague else None


def _names_a_thing(toks: tuple[Token, ...], words: list[tuple[int, Token]], lower_text: bool) -> bool:
    if any(t.low in D.STATES or t.low in D.STATE_WORDS_BEFORE for _, t in words):
        return True
    if any((a.low, b.low) in D.STATE_PAIRS for a, b in zip(toks, toks[1:])):
        return True
    return any(_cls(t, lower_text) == "artefact" for _, t in words)


def _direction(toks, words, lower_text: bool, names_a_thing: bool) -> str | None:
    """The direction the criterion is made of: its predicate, where German puts it: the first word ("Verbesserung
    der ...", "Sicherstellen, dass ..."), the second after "Wir" ("Wir fördern ..."), or the last of the clause
    ("Zusammenarbeit stärken", "Die Qualität wird verbessert", "Gesetze verständlicher machen"), when no delivery decides."""
    if any(_is_verb(t, i, _DELIVERS) or (noun(t.low) or ("",))[0] == "delivery" for i, t in words):
        return None
    sets = _stem_sets()
    candidates = [words[0]]
    if words[0][1].low in D.SUBJECTS and len(words) > 1:
        candidates.append(words[1])
    limit = _first_break(toks, D.CLAUSE_BREAKS | {","})
    ends = {i for i in (_first_break(toks, D.CLAUSE_BREAKS | {","}), _first_break(toks, D.CLAUSE_BREAKS))}
    for end in sorted(ends):
        clause_words = [(i, t) for i, t in words if i < end]
        if clause_words and not _relative(toks, clause_words[-1][0]):
            candidates.append(clause_words[-1])
    for n, (i, t) in enumerate(candidates):
        cls = (noun(t.low) or ("",))[0] if n == 0 or t.text[:1].isupper() else ""
        if cls == "weak":
            continue  # "Schaffung", "Aufbau": like English "build", neither a direction nor a delivery by itself
        if _is_verb(t, i, D.DIRECTION_VERBS) or cls in ("direction", "move"):
            return t.text
        if _is_verb(t, i, D.OPEN_ACTIVITIES) and not names_a_thing:
            return t.text
        if t.low in D.MAKE_VERBS and i and i < limit + 1:
            before = toks[i - 1]
            if before.kind == "word" and stem(before.low) in sets["quality"]:
                return f"{before.text} {t.text}"
    return None


_RELATIVE = frozenset("die der das welche welcher welches dem den deren dessen".split())


def _relative(toks: tuple[Token, ...], i: int) -> bool:
    """Whether the word at i ends a relative clause (", die den Zugriff ermöglicht"): it describes a thing."""
    for j in range(i - 1, max(-1, i - 1 - _REACH * 2), -1):
        if toks[j].kind == "sym" and toks[j].low in D.CLAUSE_BREAKS:
            return False
        if toks[j].low == ",":
            return j + 1 < len(toks) and toks[j + 1].low in _RELATIVE
    return False


def _first_break(toks: tuple[Token, ...], breaks: frozenset[str]) -> int:
    return next((i for i, t in enumerate(toks) if t.kind == "sym" and t.low in breaks), len(toks))
