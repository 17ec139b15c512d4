"""The Negotiation page: each target's positions year by year, the gaps, the private floor and the history."""
