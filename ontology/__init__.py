"""Data folder shipped as migkg.ontology; reach its files through migkg.resources."""
