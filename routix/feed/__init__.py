"""Feed previews: the creator's thumbnail drawn into YouTube's home feed, phone feed, sidebar and TV row."""

from routix.feed.mockup import SURFACES, THEME_NAMES, FeedRequest, render_feed

__all__ = ['SURFACES', 'THEME_NAMES', 'FeedRequest', 'render_feed']
