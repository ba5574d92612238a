"""The knowledge base (`/api/v1/knowledge`): agents search published articles, read them and get
suggestions for the contact they are on; editors (the admin website) manage articles.

Every request checks the caller's security profile now: searching, reading and suggestions need
Wisdom.View; creating, changing, publishing, deleting and listing drafts need Wisdom.Edit. Each
change is one database transaction committed before the answer; an error means nothing changed.
Agents never see drafts: a draft is 404 to anyone without Wisdom.Edit.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import Field
from starlette.responses import Response

from opencontact.api.agent.auth import AgentSession
from opencontact.api.agent.context import ApiContext, Context, Session
from opencontact.api.agent.desk import own_contact
from opencontact.api.agent.json import Json
from opencontact.api.agent.paging import token_offset
from opencontact.api.agent.schemas import Timestamp, _Request, _Wire, error_responses
from opencontact.domain import knowledge as domain
from opencontact.domain.base import Channel
from opencontact.domain.chats import ChatItemType, ParticipantRole
from opencontact.domain.errors import ResourceNotFound
from opencontact.domain.knowledge import Article, ArticleStatus
from opencontact.domain.knowledge_search import (
    AnyOfSearch,
    Term,
    TypedSearch,
    matched_terms,
    suggestion_terms,
)
from opencontact.domain.queues import Queue
from opencontact.domain.users import User, user_permissions
from opencontact.engine.center import new_id
from opencontact.store.knowledge import Page, SearchHit

router = APIRouter(prefix="/knowledge", tags=["Knowledge"])

VIEW = "Wisdom.View"
EDIT = "Wisdom.Edit"
SUGGESTIONS = 5
CUSTOMER_MESSAGES = 5

Status = Literal["DRAFT", "PUBLISHED"]


# -- requests ----------------------------------------------------------------------------------


class CreateArticleRequest(_Request):
    title: str = Field(max_length=2 * domain.TITLE_MAX, description="1 to 255 characters.")
    body: str = Field(
        default="",
        max_length=2 * domain.BODY_MAX,
        description="Markdown, up to 100,000 characters.",
    )
    tags: list[str] = Field(default_factory=list, max_length=4 * domain.TAGS_MAX)
    status: Status = Field(default="DRAFT", description="PUBLISHED makes it visible to agents.")


class UpdateArticleRequest(_Request):
    """Only the fields given change."""

    title: str | None = Field(default=None, max_length=2 * domain.TITLE_MAX)
    body: str | None = Field(default=None, max_length=2 * domain.BODY_MAX)
    tags: list[str] | None = Field(default=None, max_length=4 * domain.TAGS_MAX)


# -- responses ---------------------------------------------------------------------------------


class UserRef(_Wire):
    user_id: str
    username: str | None = Field(description="null once the user has been deleted.")


class ArticleView(_Wire):
    article_id: str
    title: str
    body: str = Field(description="Markdown.")
    tags: list[str]
    status: Status
    created_at: Timestamp
    created_by: UserRef
    updated_at: Timestamp
    updated_by: UserRef


class ArticleSummary(_Wire):
    article_id: str
    title: str
    tags: list[str]
    status: Status
    updated_at: Timestamp


class SnippetSegment(_Wire):
    text: str
    match: bool = Field(description="A word the search matched (shown highlighted).")


class SearchResult(ArticleSummary):
    snippet: list[SnippetSegment] = Field(description="Words of the body around the matches.")
    score: float = Field(description="Relevance: higher is better; compare within one answer.")


class ListedArticle(ArticleSummary):
    snippet: list[SnippetSegment] | None = Field(default=None, description="With q only.")
    score: float | None = Field(default=None, description="With q only.")


class ArticleList(_Wire):
    articles: list[ListedArticle]
    next_token: str | None = Field(description="Pass as nextToken for the next page.")


class SearchResults(_Wire):
    results: list[SearchResult]
    next_token: str | None


class Reason(_Wire):
    term: str = Field(description="A word of the contact the article contains.")
    source: str = Field(description="Where the word came from: 'attribute intent', ...")


class Suggestion(SearchResult):
    reasons: list[Reason]


class Suggestions(_Wire):
    contact_id: str
    terms: list[Reason] = Field(description="Every word the suggestions were searched by.")
    suggestions: list[Suggestion]


# -- views -------------------------------------------------------------------------------------


def _user_ref(context: ApiContext, session: AgentSession, user_id: str) -> dict[str, Any]:
    directory, _ = context.auth.user(session)
    user = directory.get(User, user_id)
    return {"userId": user_id, "username": user.username if user else None}


def article_view(context: ApiContext, session: AgentSession, article: Article) -> dict[str, Any]:
    return {
        "articleId": article.id,
        "title": article.title,
        "body": article.body,
        "tags": list(article.tags),
        "status": article.status.value,
        "createdAt": article.created_at.isoformat(),
        "createdBy": _user_ref(context, session, article.created_by),
        "updatedAt": article.updated_at.isoformat(),
        "updatedBy": _user_ref(context, session, article.updated_by),
    }


def _summary(article: Article) -> dict[str, Any]:
    return {
        "articleId": article.id,
        "title": article.title,
        "tags": list(article.tags),
        "status": article.status.value,
        "updatedAt": article.updated_at.isoformat(),
    }


def _result(hit: SearchHit) -> dict[str, Any]:
    return {
        **_summary(hit.article),
        "snippet": [{"text": words, "match": match} for words, match in hit.snippet],
        "score": round(hit.score, 6),
    }


def _reason(term: Term) -> dict[str, str]:
    return {"term": term.word, "source": term.source}


# -- permissions and paging ----------------------------------------------------------------------


def _permissions(context: ApiContext, session: AgentSession) -> frozenset[str]:
    directory, user = context.auth.user(session)
    return frozenset(user_permissions(directory, user))


def _token(page: Page[Any]) -> str | None:
    return None if page.next_offset is None else str(page.next_offset)


def _tags(tags: list[str] | None) -> tuple[str, ...]:
    return domain.normalise_tags(tags or [])


async def _article(context: ApiContext, session: AgentSession, article_id: str) -> Article:
    article = await context.knowledge.get(session.instance_id, article_id)
    if article is None:
        raise ResourceNotFound(f"There is no knowledge article '{article_id}'.")
    return article


Tags = Annotated[list[str] | None, Query(description="Only articles with every one of these tags.")]
MaxResults = Annotated[int, Query(alias="maxResults", ge=1, le=50)]
NextToken = Annotated[str | None, Query(alias="nextToken", max_length=16)]


# -- agents: search, read, suggestions -----------------------------------------------------------


@router.get(
    "/search",
    response_model=SearchResults,
    summary="Search the knowledge base",
    description="Published articles matching `q`, most relevant first (a match in the title "
    "counts more than one in the tags, which counts more than one in the body). `q` reads like a "
    'web search box: all words, "a phrase", `OR`, `-word`. Needs Wisdom.View.',
    responses=error_responses(400, 401, 403),
)
async def search_knowledge(
    session: Session,
    context: Context,
    q: Annotated[str, Query(max_length=500, description="What to look for.")] = "",
    tags: Tags = None,
    max_results: MaxResults = 10,
    next_token: NextToken = None,
) -> Response:
    context.auth.require(session, VIEW, "searching the knowledge base")
    page = await context.knowledge.search(
        session.instance_id,
        TypedSearch(q),
        published_only=True,
        tags=_tags(tags),
        limit=max_results,
        offset=token_offset(next_token, "nextToken"),
    )
    return Json({"results": [_result(hit) for hit in page.items], "nextToken": _token(page)})


@router.get(
    "/articles/{article_id}",
    response_model=ArticleView,
    summary="One knowledge article",
    description="Needs Wisdom.View; a draft is found only with Wisdom.Edit.",
    responses=error_responses(401, 403, 404),
)
async def get_article(article_id: str, session: Session, context: Context) -> Response:
    permissions = _permissions(context, session)
    if VIEW not in permissions and EDIT not in permissions:
        context.auth.require(session, VIEW, "reading the knowledge base")
    article = await _article(context, session, article_id)
    if not article.published and EDIT not in permissions:
        raise ResourceNotFound(f"There is no knowledge article '{article_id}'.")
    return Json(article_view(context, session, article))


@router.get(
    "/suggestions",
    response_model=Suggestions,
    summary="Articles suggested for a contact",
    description="Published articles for one of the agent's contacts, searched by the words of "
    "its attributes, its queue's name, a task's name and description and a chat customer's "
    "latest messages; each with the words that brought it (`reasons`). Needs Wisdom.View.",
    responses=error_responses(400, 401, 403, 404),
)
async def knowledge_suggestions(
    session: Session,
    context: Context,
    contact_id: Annotated[str, Query(alias="contactId", min_length=1, max_length=64)],
) -> Response:
    context.auth.require(session, VIEW, "searching the knowledge base")
    search = await _contact_search(context, session, contact_id)
    page = await context.knowledge.search(
        session.instance_id, search, published_only=True, limit=SUGGESTIONS
    )
    suggestions = []
    for hit in page.items:
        article = hit.article
        text = " ".join((article.title, *article.tags, domain.plain_text(article.body)))
        reasons = [_reason(term) for term in matched_terms(search.terms, text)]
        suggestions.append({**_result(hit), "reasons": reasons})
    return Json(
        {
            "contactId": contact_id,
            "terms": [_reason(term) for term in search.terms],
            "suggestions": suggestions,
        }
    )


async def _contact_search(
    context: ApiContext, session: AgentSession, contact_id: str
) -> AnyOfSearch:
    state = context.desk.state(session)
    contact = own_contact(state, session.user_id, contact_id)
    queue = state.directory.get(Queue, contact.queue_id) if contact.queue_id else None
    texts = [
        (f"contact {label}", value)
        for label, value in (("name", contact.name), ("description", contact.description))
        if value
    ]
    messages: list[str] = []
    if contact.channel is Channel.CHAT:
        store = context.desk.center.store
        items = await store.chat_transcript(session.instance_id, contact.initial_contact_id)
        messages = [
            item.content
            for item in reversed(items)
            if item.type is ChatItemType.MESSAGE
            and item.participant_role is ParticipantRole.CUSTOMER
            and item.content
        ][:CUSTOMER_MESSAGES]
    return suggestion_terms(
        attributes=contact.attributes,
        queue_name=queue.name if queue else None,
        contact_texts=texts,
        customer_messages=messages,
    )


# -- editors: manage articles ----------------------------------------------------------------------


@router.get(
    "/articles",
    response_model=ArticleList,
    summary="Knowledge articles, drafts included",
    description="For the people who edit the knowledge base (Wisdom.Edit): every article, most "
    "recently changed first, or, with `q`, those matching it, most relevant first (each then "
    "with its snippet and score). Filter by `status` and `tags`.",
    responses=error_responses(400, 401, 403),
)
async def list_articles(
    session: Session,
    context: Context,
    q: Annotated[str | None, Query(max_length=500)] = None,
    status: Status | None = None,
    tags: Tags = None,
    max_results: MaxResults = 20,
    next_token: NextToken = None,
) -> Response:
    context.auth.require(session, EDIT, "managing the knowledge base")
    offset = token_offset(next_token, "nextToken")
    wanted = ArticleStatus(status) if status else None
    if q is not None and q.strip():
        hits = await context.knowledge.search(
            session.instance_id,
            TypedSearch(q),
            published_only=False,
            status=wanted,
            tags=_tags(tags),
            limit=max_results,
            offset=offset,
        )
        return Json({"articles": [_result(h) for h in hits.items], "nextToken": _token(hits)})
    page = await context.knowledge.list(
        session.instance_id,
        published_only=False,
        status=wanted,
        tags=_tags(tags),
        limit=max_results,
        offset=offset,
    )
    return Json({"articles": [_summary(a) for a in page.items], "nextToken": _token(page)})


@router.post(
    "/articles",
    status_code=201,
    response_model=ArticleView,
    summary="Create a knowledge article",
    description="A draft unless `status` is PUBLISHED. Tags are normalised (lower case, spaces "
    "become hyphens, each once). Needs Wisdom.Edit.",
    responses=error_responses(400, 401, 403),
)
async def create_article(
    body: CreateArticleRequest, session: Session, context: Context
) -> Response:
    context.auth.require(session, EDIT, "managing the knowledge base")
    article = domain.new_article(
        id=new_id(),
        instance_id=session.instance_id,
        title=body.title,
        body=body.body,
        tags=body.tags,
        by=session.user_id,
        at=context.desk.center.clock.now(),
        publish=body.status == "PUBLISHED",
    )
    await context.knowledge.create(article)
    return Json(article_view(context, session, article), status_code=201)


async def _change(
    context: ApiContext,
    session: AgentSession,
    article_id: str,
    **changes: Any,
) -> Response:
    context.auth.require(session, EDIT, "managing the knowledge base")
    now = context.desk.center.clock.now()
    changed = await context.knowledge.change(
        session.instance_id,
        article_id,
        lambda article: domain.revise(article, by=session.user_id, at=now, **changes),
    )
    if changed is None:
        raise ResourceNotFound(f"There is no knowledge article '{article_id}'.")
    return Json(article_view(context, session, changed))


@router.patch(
    "/articles/{article_id}",
    response_model=ArticleView,
    summary="Change a knowledge article",
    description="Only the fields given change. Needs Wisdom.Edit.",
    responses=error_responses(400, 401, 403, 404),
)
async def update_article(
    article_id: str, body: UpdateArticleRequest, session: Session, context: Context
) -> Response:
    return await _change(
        context, session, article_id, title=body.title, body=body.body, tags=body.tags
    )


@router.post(
    "/articles/{article_id}/publish",
    response_model=ArticleView,
    summary="Publish a knowledge article",
    description="Agents see it from now on. Needs Wisdom.Edit.",
    responses=error_responses(401, 403, 404),
)
async def publish_article(article_id: str, session: Session, context: Context) -> Response:
    return await _change(context, session, article_id, status=ArticleStatus.PUBLISHED)


@router.post(
    "/articles/{article_id}/unpublish",
    response_model=ArticleView,
    summary="Take a knowledge article back to draft",
    description="Agents no longer see it. Needs Wisdom.Edit.",
    responses=error_responses(401, 403, 404),
)
async def unpublish_article(article_id: str, session: Session, context: Context) -> Response:
    return await _change(context, session, article_id, status=ArticleStatus.DRAFT)


@router.delete(
    "/articles/{article_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a knowledge article",
    description="Gone for good. Needs Wisdom.Edit.",
    responses=error_responses(401, 403, 404),
)
async def delete_article(article_id: str, session: Session, context: Context) -> Response:
    context.auth.require(session, EDIT, "managing the knowledge base")
    if not await context.knowledge.delete(session.instance_id, article_id):
        raise ResourceNotFound(f"There is no knowledge article '{article_id}'.")
    return Response(status_code=204)
