"""Build the small in-repo spaCy pipeline that Rasa's SpacyNLP loads.

No pretrained English model can be installed here, so the pipeline is a blank English tokenizer
with a lookup lemmatizer (from spacy-lookups-data, at build time only) and an entity ruler that
finds ZIP codes and North Carolina town names. Run: ``python -m bot.nlp_build [OUTPUT_DIR]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy

from bot.settings import REPO_ROOT
from bot.town_words import AMBIGUOUS_TOWN_NAMES
from bot.towns import nc_town_names

DEFAULT_OUTPUT = REPO_ROOT / "build" / "spacy_pipeline"


def entity_patterns() -> list[dict]:
    """Entity-ruler patterns: 5-digit ZIP codes (optionally ZIP+4) and NC town names.

    Towns whose names are ordinary words or people's names (bot.town_words.AMBIGUOUS_TOWN_NAMES) are left
    out: "I have faith" is not a place, "my son Todd" is not Todd, NC. The geocoder still finds
    them when the message is just the town or a cue such as "live in" comes first.
    """
    patterns: list[dict] = [
        {"label": "zip_code", "pattern": [{"TEXT": {"REGEX": r"^\d{5}$"}}]},
    ]
    for town in nc_town_names():
        words = town.lower().split()
        if town.lower() in AMBIGUOUS_TOWN_NAMES:
            continue
        patterns.append({"label": "city", "pattern": [{"LOWER": word} for word in words]})
    return patterns


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    """Create the pipeline and save it to ``output``; returns the folder."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lemma lookup table from spacy-lookups-data
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns(entity_patterns())
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    print(f"spaCy pipeline written to {build(target)}")
