"""Data folder shipped as migkg.queries; reach its files through migkg.resources."""
