"""Generations: the queue, the five-stage pipeline, recipe → image, refunds, history and the views pages render."""
