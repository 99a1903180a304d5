"""Contributor and benchmark tools: new records and synthetic data."""
