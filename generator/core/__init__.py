"""Problems, the one reader of input files, YAML, configuration and caches: what every stage uses."""
