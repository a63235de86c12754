"""Extractors: turn segmented sections into insights, mentions, figures and links."""
