"""Image providers: the offline basic renderer and the remote AI services."""
