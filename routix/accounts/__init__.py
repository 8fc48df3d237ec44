"""Creator accounts: passwords, sign-in throttling, sessions, sign-up, OAuth identities, profile and credits."""
