"""Reliability checks with figures: crash loops, fuzzing, bad files (issue 8).

``python -m annotator reliability`` runs them all and prints the figures that must be 0.
"""
