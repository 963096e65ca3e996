"""Evaluation and training code: benchmarks, converters and trainers kept out of the runtime stages."""
