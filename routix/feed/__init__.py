"""Feed previews: the creator's thumbnail drawn into YouTube's home feed, phone feed, sidebar and TV row."""

from routix.feed.mockup import SIZES, SURFACES, THEME_NAMES, FeedRequest, render_feed

__all__ = ['SIZES', 'SURFACES', 'THEME_NAMES', 'FeedRequest', 'render_feed']
