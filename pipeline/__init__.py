"""Evidence extraction for the IL-6 / IL-6R / gp130 axis in breast cancer."""

__version__ = "0.1.0"
