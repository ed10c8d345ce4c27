"""Monitoring aggregates: participation, coverage, trends, alerts and indicators."""
