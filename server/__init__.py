"""casereviews: the NSPCC case-review reading list and its cross-jurisdiction context as linked data."""

__version__ = "0.1.0"
