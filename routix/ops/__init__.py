"""Operating Routix: accounts and credits from the shell, backups, restores."""
