"""From news articles to draft records: reading articles, extraction rules, merging and evaluation."""
