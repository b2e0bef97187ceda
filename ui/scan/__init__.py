"""The officer's scanning window: scan or load pages, tidy them, file one PDF per document."""
