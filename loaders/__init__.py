"""Readers, the template segmenter and extractors that turn rapporteur reports into RDF.

Shipped as ``migkg.loaders``. Each input format is one reader module in ``readers/``
producing the same :class:`~migkg.loaders.model.Document`; everything after that is
format-independent.
"""
