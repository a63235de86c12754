"""Data folder shipped as migkg.ontology.vocab; reach its files through migkg.ontology.files."""
