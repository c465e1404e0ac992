"""ZIP codes in a message: found, checked and placed at their centroid (bot.zip_codes)."""

from __future__ import annotations

import pytest

from bot.zip_codes import ZipStatus, find_street_address, parse_zip

# --- ZIP codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status", "zip_code", "city", "state"),
    [
        ("27705", ZipStatus.NC, "27705", "Durham", "NC"),
        ("27705-1234", ZipStatus.NC, "27705", "Durham", "NC"),
        ("umm i think my zip is 27609", ZipStatus.NC, "27609", "Raleigh", "NC"),
        ("27514.", ZipStatus.NC, "27514", "Chapel Hill", "NC"),
        ("94110", ZipStatus.OUTSIDE_NC, "94110", "San Francisco", "CA"),
        ("00000", ZipStatus.NOT_A_ZIP, "00000", None, None),
        ("99999", ZipStatus.NOT_A_ZIP, "99999", None, None),
        ("2770", ZipStatus.BAD_LENGTH, "2770", None, None),
        ("277055", ZipStatus.BAD_LENGTH, "277055", None, None),
        ("durham", ZipStatus.NO_ZIP, None, None, None),
        ("", ZipStatus.NO_ZIP, None, None, None),
        ("call 919-684-4114", ZipStatus.NO_ZIP, None, None, None),
        ("my son is 12", ZipStatus.NO_ZIP, None, None, None),
        ("00000 or maybe 27701", ZipStatus.NC, "27701", "Durham", "NC"),
        ("12345 Main St, Durham NC 27705", ZipStatus.NC, "27705", "Durham", "NC"),
    ],
)
def test_parse_zip(
    text: str, status: ZipStatus, zip_code: str | None, city: str | None, state: str | None
) -> None:
    result = parse_zip(text)
    assert (result.status, result.zip_code, result.city, result.state) == (
        status,
        zip_code,
        city,
        state,
    )
    assert (result.latitude is not None) == (status in (ZipStatus.NC, ZipStatus.OUTSIDE_NC))


def test_parse_zip_gives_the_centroid() -> None:
    result = parse_zip("27705")
    assert (result.latitude, result.longitude) == (36.0218, -78.9478)


def test_find_street_address() -> None:
    assert find_street_address("I'm at 2301 Erwin Rd Durham") == "2301 Erwin Rd"
    assert find_street_address("3643 N. Roxboro Street, Durham") == "3643 N. Roxboro Street"
    assert find_street_address("my zip is 27705 and i live on main st") is None
    assert find_street_address("27705") is None


def test_reference_zips_are_where_locations_md_says() -> None:
    assert (parse_zip("27514").status, parse_zip("27514").city) == (ZipStatus.NC, "Chapel Hill")
    assert (parse_zip("27513").status, parse_zip("27513").city) == (ZipStatus.NC, "Cary")
    assert parse_zip("00000").status is ZipStatus.NOT_A_ZIP
    outside = parse_zip("94110")
    assert (outside.status, outside.city, outside.state) == (
        ZipStatus.OUTSIDE_NC,
        "San Francisco",
        "CA",
    )
