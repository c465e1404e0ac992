"""The shipped seed file (seeds/locations.yml): the reference rows are there, and every row says
where its coordinates come from. The only tests that read the seed on purpose."""

from __future__ import annotations

import re
from datetime import date

import zipcodes

from bot.locations import DEFAULT_SEED_FILE, read_locations_file
from bot.locations.geocoding import COORDS_SOURCE_PREFIX
from tests.support.locations import RALEIGH, REGIONAL, UNIVERSITY, centroid

RALEIGH_NOTE = "Duke Head and Neck Surgery expanded facial plastic and reconstructive surgery services here"
RALEIGH_SOURCE = (
    'headnecksurgery.duke.edu news ("Expanded Facial Plastic and Reconstructive Surgery Services")'
)

# The rows of shared/reference/locations.md, copied by hand: the seed file must hold them.
EXPECTED_ROWS = [
    (
        UNIVERSITY, "2301 Erwin Road", "Durham", "NC", "27710",
        "main campus; the source page mentions surgery at Duke Children's Hospital",
        "dukehealth.org locations pages",
    ),
    (
        REGIONAL, "3643 N. Roxboro Street", "Durham", "NC", "27704",
        "community hospital in north Durham",
        "dukehealth.org locations pages",
    ),
    (
        RALEIGH, "3400 Wake Forest Road", "Raleigh", "NC", "27609", RALEIGH_NOTE, RALEIGH_SOURCE,
    ),
]  # fmt: skip


def test_seed_file_holds_every_reference_row() -> None:
    rows = {r.name: r for r in read_locations_file(DEFAULT_SEED_FILE)}
    for expected in EXPECTED_ROWS:
        row = rows[expected[0]]
        assert (row.name, row.street, row.city, row.state, row.zip_code, row.note, row.source) == expected
        assert row.verified_on == date(2026, 11, 25)


def test_seed_coordinates_say_where_they_come_from() -> None:
    """Approximate rows sit exactly on the centroid of the delivery-area ZIP they name (not a
    mail-only one, whose centroid says nothing about a street); geocoded rows name the
    geocoder. Either way the date is recorded."""
    for row in read_locations_file(DEFAULT_SEED_FILE):
        assert row.coords_set_on is not None, row.slug
        if row.coords_source.startswith(COORDS_SOURCE_PREFIX):
            continue
        named = re.match(r"approximate: centroid of ZIP (\d{5})\b", row.coords_source)
        assert named, f"{row.slug}: coords_source {row.coords_source!r}"
        record = zipcodes.matching(named.group(1))[0]
        assert record["zip_code_type"] == "STANDARD", row.slug
        assert record["state"] == row.state
        assert (row.latitude, row.longitude) == centroid(named.group(1)), row.slug


def test_seed_file_says_to_check_with_the_clinic() -> None:
    header = DEFAULT_SEED_FILE.read_text(encoding="utf-8").split("locations:")[0]
    assert "MUST BE CHECKED WITH THE CLINIC BEFORE GOING LIVE" in header
    assert "APPROXIMATE" in header and "geocode" in header
