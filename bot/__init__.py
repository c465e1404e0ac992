"""Plain-Python core of the facial reanimation FAQ assistant (no Rasa imports here)."""
