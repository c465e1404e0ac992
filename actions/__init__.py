"""Custom actions: thin adapters from Rasa trackers to the plain-Python core in bot/."""
