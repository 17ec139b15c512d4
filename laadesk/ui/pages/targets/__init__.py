"""The Targets page: the chosen targets, their levels year by year, and the trajectory chart."""
