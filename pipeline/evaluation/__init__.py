"""Evaluation and training code: benchmark scoring kept apart from the extraction stages."""
