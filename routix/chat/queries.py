"""The chat's reads: small keyword-only functions on a session, every one filtered by the owner."""

from __future__ import annotations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from routix.chat.uploads import upload_urls
from routix.chat.views import ConversationView, MessageView, conversation_view, message_view
from routix.core.errors import NotFound
from routix.models import Conversation, Generation, Message


async def owned_conversation(*, session: AsyncSession, owner_id: int, conversation_id: int) -> Conversation:
    """The conversation row; NotFound for anyone else's or a deleted one."""
    conv = await session.get(Conversation, conversation_id)
    if conv is None or conv.owner_id != owner_id or conv.deleted_at is not None:
        raise NotFound('chat.not_found')
    return conv


async def list_conversations(*, session: AsyncSession, owner_id: int, limit: int = 100) -> list[ConversationView]:
    """The owner's conversations, newest first (deleted ones left out)."""
    rows = (
        await session.exec(
            select(Conversation)
            .where(Conversation.owner_id == owner_id, col(Conversation.deleted_at).is_(None))
            .order_by(col(Conversation.updated_at).desc(), col(Conversation.id).desc())
            .limit(limit)
        )
    ).all()
    return [conversation_view(c) for c in rows]


async def list_messages(*, session: AsyncSession, owner_id: int, conversation_id: int) -> list[MessageView]:
    """The whole thread of one of the owner's conversations, oldest first."""
    await owned_conversation(session=session, owner_id=owner_id, conversation_id=conversation_id)
    rows = (
        await session.exec(
            select(Message)
            .where(Message.conversation_id == conversation_id, Message.owner_id == owner_id)
            .order_by(col(Message.id))
        )
    ).all()
    uploads = await upload_urls(session=session, owner_id=owner_id, messages=list(rows))
    return [message_view(m, uploads) for m in rows]


async def list_generations(*, session: AsyncSession, owner_id: int, conversation_id: int) -> list[Generation]:
    """The owner's generation rows of one conversation."""
    rows = await session.exec(
        select(Generation).where(Generation.owner_id == owner_id, Generation.conversation_id == conversation_id)
    )
    return list(rows.all())
