"""What a knowledge-base search asks for, taken from what people type or from a contact.

What an agent types is read the way web search boxes read it (and as PostgreSQL's
websearch_to_tsquery does): words must all appear, `"a phrase"` in that order, `OR` between two
terms accepts either, `-word` excludes. Nothing typed can break the query: SQLite's FTS5 gets
every term as a quoted phrase, and PostgreSQL parses the text itself.

Suggestions for a contact are any-of searches: the words of the contact's attributes, its queue's
name and what the chat customer wrote, each remembered with where it came from, so that a
suggestion can say why it is there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

# Words too common to tell articles apart; PostgreSQL's English configuration drops these (and
# more) itself, FTS5 has no stop words, so they are left out of FTS5 queries here.
_STOP = """a an and are as at be but by can do does for from has have how i if in is it its me my
no not of on or our so that the their then there these this to was we what when where which who
why will with you your please hello hi thanks thank yes"""
STOP_WORDS = frozenset(_STOP.split())


def words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _phrase(terms: Sequence[str]) -> str:
    # Inside double quotes FTS5 treats everything as text to tokenise; only a quote needs
    # doubling (words never hold one, but the rule is what keeps this safe).
    return '"' + " ".join(term.replace('"', '""') for term in terms) + '"'


@dataclass(frozen=True)
class TypedSearch:
    """What an agent typed in the search box."""

    text: str

    def clauses(self) -> tuple[list[list[list[str]]], list[list[str]]]:
        """(required clauses, each a list of alternative phrases; excluded phrases)."""
        required: list[list[list[str]]] = []
        excluded: list[list[str]] = []
        join_next = False
        for token in _TOKEN.findall(self.text):
            if token == "OR":
                join_next = bool(required)
                continue
            negative = token.startswith("-") and len(token) > 1
            quoted = token.lstrip("-").startswith('"')
            phrase = words(token)
            if not quoted:
                phrase = [word for word in phrase if word not in STOP_WORDS]
            if not phrase:
                continue
            # Words run together without quotes ('NEAR(refunds') are words each, not a phrase.
            phrases = [phrase] if quoted else [[word] for word in phrase]
            if negative:
                excluded.extend(phrases)
            elif join_next:
                required[-1].append(phrases[0])
                required.extend([p] for p in phrases[1:])
            else:
                required.extend([p] for p in phrases)
            join_next = False
        return required, excluded

    def fts5(self) -> str | None:
        """An FTS5 MATCH expression, or None when nothing searchable was typed."""
        required, excluded = self.clauses()
        if not required:
            return None
        parts = [
            _phrase(alternatives[0])
            if len(alternatives) == 1
            else "(" + " OR ".join(_phrase(a) for a in alternatives) + ")"
            for alternatives in required
        ]
        expression = " AND ".join(parts)
        for phrase in excluded:
            expression += " NOT " + _phrase(phrase)
        return expression

    @property
    def empty(self) -> bool:
        return not self.clauses()[0]


@dataclass(frozen=True)
class Term:
    """A word a suggestion is searched by, and where it came from ('queue BillingQueue')."""

    word: str
    source: str


@dataclass(frozen=True)
class AnyOfSearch:
    """Articles with any of these words, the more the better (ranked)."""

    terms: tuple[Term, ...]

    def fts5(self) -> str | None:
        if not self.terms:
            return None
        return " OR ".join(_phrase([term.word]) for term in self.terms)

    @property
    def empty(self) -> bool:
        return not self.terms


MAX_TERMS = 24


def suggestion_terms(
    *,
    attributes: Mapping[str, str],
    queue_name: str | None,
    contact_texts: Iterable[tuple[str, str]] = (),
    customer_messages: Iterable[str] = (),
) -> AnyOfSearch:
    """The words a contact suggests articles by, most telling first: its attributes' values
    (set by the flow from what the customer chose), its queue's name, the task's name and
    description (`contact_texts`: (source, text)), then the customer's messages, newest first."""
    found: dict[str, Term] = {}

    def take(text: str, source: str) -> None:
        for word in words(_CAMEL.sub(" ", text)):
            usable = len(word) >= 3 and not word.isdigit() and word not in STOP_WORDS
            if usable and word not in found and len(found) < MAX_TERMS:
                found[word] = Term(word, source)

    for key, value in attributes.items():
        take(value, f"attribute {key}")
    if queue_name:
        take(queue_name, f"queue {queue_name}")
    for source, text in contact_texts:
        take(text, source)
    for message in customer_messages:
        take(message, "the customer's messages")
    return AnyOfSearch(tuple(found.values()))


def matched_terms(terms: Sequence[Term], text: str) -> list[Term]:
    """The terms an article's text (title, tags, body) contains, allowing for word endings
    ('refunds' matches 'refund'), as the index's stemming does."""
    present = set(words(text))
    stems = {word[:5] for word in present if len(word) >= 5}
    return [
        term
        for term in terms
        if term.word in present or (len(term.word) >= 5 and term.word[:5] in stems)
    ]
