"""Beyond one machine: the PostgreSQL event bus, the procrastinate job queue, ``routix worker`` and a local cluster."""
