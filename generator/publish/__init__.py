"""Writing the generated docs tree, running MkDocs and its hooks, and the vendored chart runtime."""
