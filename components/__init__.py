"""Rasa adapters for the plain-Python core in bot/ (NLU components, tracker store, channels)."""
