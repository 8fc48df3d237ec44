"""The core: settings, the database, the error tree, logging, the runtime seam and the composition of services."""
