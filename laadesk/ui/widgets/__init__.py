"""Widgets more than one page or view draws: the trajectory chart, the workshop view."""
