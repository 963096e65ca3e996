"""Agent–effect relation extraction: ``extract_relations(documents, mentions, table_rows)``."""
