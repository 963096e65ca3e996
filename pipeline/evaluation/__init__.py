"""Evaluation and training: benchmark scoring, model and lexicon training, dev-set tools.

Nothing here runs in ``evidence run``; the stage rooms load what these commands produce.
"""
