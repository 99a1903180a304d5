"""The records as data: loading, schemas, validation, reference lookup, writing, redirects and history."""
