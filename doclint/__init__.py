"""doclint: a document-quality and provenance linter for ingested text."""

__version__ = "0.1.0"
