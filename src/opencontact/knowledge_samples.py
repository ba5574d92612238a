"""Sample knowledge articles for a demo instance (`knowledge_samples.json`): a few published
answers agents can search at once. Called by whoever sets the demo up; adds nothing to a
knowledge base that already has articles, so it can run at every start."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from opencontact.domain.knowledge import new_article
from opencontact.engine.center import new_id
from opencontact.store.database import Database
from opencontact.store.knowledge import KnowledgeStore

SAMPLES = Path(__file__).with_name("knowledge_samples.json")


async def add_sample_articles(
    database: Database, instance_id: str, author_id: str, at: datetime
) -> int:
    """Publish the sample articles in an instance whose knowledge base is empty, written by
    `author_id` at `at`; returns how many were added."""
    store = KnowledgeStore(database)
    if (await store.list(instance_id, published_only=False, limit=1)).items:
        return 0
    samples = json.loads(SAMPLES.read_text(encoding="utf-8"))
    for sample in samples:
        article = new_article(
            id=new_id(),
            instance_id=instance_id,
            title=sample["title"],
            body=sample["body"],
            tags=sample["tags"],
            by=author_id,
            at=at,
            publish=True,
        )
        await store.create(article)
    return len(samples)
