"""Generator for the chronology of attacks on U.S. and coalition forces in Iraq, Syria and Jordan."""

__version__ = "0.1.0"
