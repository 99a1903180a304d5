"""From a valid dataset to pages, charts, downloads and feeds (plain values, nothing written)."""
