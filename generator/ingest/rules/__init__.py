"""Rule-based extraction of events and tallies from wire reports (see generator/ingest/extract.py)."""
