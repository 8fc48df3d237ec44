"""Conversations: messages, reference uploads, proposals and follow-ups."""
