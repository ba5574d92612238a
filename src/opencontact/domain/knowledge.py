"""The knowledge base: articles agents read while they help a customer (Amazon Connect's
Wisdom / Q in Connect knowledge base, kept simple).

An article belongs to one instance: a title, a body in Markdown, tags, and a status. Drafts are
for the people who edit the knowledge base; agents only ever see published articles. Changing an
article returns a new one (articles are immutable values); the store keeps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from opencontact.domain.errors import InvalidParameter

TITLE_MAX = 255
BODY_MAX = 100_000
TAG_MAX = 50
TAGS_MAX = 20

# Control characters have no place in an article (and two of them mark matches in snippets);
# tabs and line breaks stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TAG_SEPARATORS = re.compile(r"[\s_]+")
_TAG = re.compile(r"^[\w][\w\-.]*$")


class ArticleStatus(StrEnum):
    DRAFT = "DRAFT"
    PUBLISHED = "PUBLISHED"


@dataclass(frozen=True, kw_only=True)
class Article:
    id: str
    instance_id: str
    title: str
    body: str
    tags: tuple[str, ...]
    status: ArticleStatus
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str

    @property
    def published(self) -> bool:
        return self.status is ArticleStatus.PUBLISHED


def clean_title(title: str) -> str:
    cleaned = " ".join(_CONTROL.sub("", title).split())
    if not cleaned:
        raise InvalidParameter("An article needs a title.")
    if len(cleaned) > TITLE_MAX:
        raise InvalidParameter(
            f"The title is {len(cleaned)} characters long; it can be at most {TITLE_MAX}."
        )
    return cleaned


def clean_body(body: str) -> str:
    cleaned = _CONTROL.sub("", body).replace("\r\n", "\n").strip("\n")
    if len(cleaned) > BODY_MAX:
        raise InvalidParameter(
            f"The body is {len(cleaned):,} characters long; it can be at most {BODY_MAX:,}."
        )
    return cleaned


def normalise_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags as people type them ('Billing', ' late payment ') become one form ('billing',
    'late-payment'), each once, in the order given."""
    normalised: list[str] = []
    for raw in tags:
        tag = _TAG_SEPARATORS.sub("-", _CONTROL.sub("", raw).strip().casefold()).strip("-")
        if not tag:
            continue
        if len(tag) > TAG_MAX:
            raise InvalidParameter(f"The tag '{tag[:20]}…' is longer than {TAG_MAX} characters.")
        if not _TAG.match(tag):
            raise InvalidParameter(
                f"The tag '{tag}' can only have letters, digits, hyphens and dots."
            )
        if tag not in normalised:
            normalised.append(tag)
    if len(normalised) > TAGS_MAX:
        raise InvalidParameter(f"An article can have at most {TAGS_MAX} tags.")
    return tuple(normalised)


def new_article(
    *,
    id: str,
    instance_id: str,
    title: str,
    body: str,
    tags: list[str] | tuple[str, ...],
    by: str,
    at: datetime,
    publish: bool = False,
) -> Article:
    return Article(
        id=id,
        instance_id=instance_id,
        title=clean_title(title),
        body=clean_body(body),
        tags=normalise_tags(tags),
        status=ArticleStatus.PUBLISHED if publish else ArticleStatus.DRAFT,
        created_at=at,
        created_by=by,
        updated_at=at,
        updated_by=by,
    )


def revise(
    article: Article,
    *,
    by: str,
    at: datetime,
    title: str | None = None,
    body: str | None = None,
    tags: list[str] | tuple[str, ...] | None = None,
    status: ArticleStatus | None = None,
) -> Article:
    """The article with what is given changed (None: as it was)."""
    return replace(
        article,
        title=article.title if title is None else clean_title(title),
        body=article.body if body is None else clean_body(body),
        tags=article.tags if tags is None else normalise_tags(tags),
        status=article.status if status is None else status,
        updated_at=at,
        updated_by=by,
    )


# -- what the search index reads ---------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~).*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_LINE_MARKS = re.compile(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_INLINE_MARKS = re.compile(r"(\*\*|__|\*|`|~~)")


def plain_text(markdown: str) -> str:
    """The words of a Markdown body without its markup: what is indexed and what snippets are
    cut from (a snippet full of '**' and '](' reads badly)."""
    text = _FENCE.sub("", markdown)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _LINE_MARKS.sub("", text)
    text = _INLINE_MARKS.sub("", text)
    return " ".join(text.split())
