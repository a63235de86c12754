"""Data folder shipped as migkg.examples; reach its files through migkg.resources."""
