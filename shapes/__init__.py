"""Data folder shipped as migkg.shapes; reach its files through migkg.resources."""
