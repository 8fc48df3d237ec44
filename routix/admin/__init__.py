"""The admin console's domain: accounts, credits, plans and live operations, for admins only (checked here too)."""
