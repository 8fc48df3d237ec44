"""Plans, monthly refills and (optional) Stripe Checkout: what a creator's account includes and how they pay."""
