"""Command line for the locations table; the database is DATABASE_URL or the default SQLite file.

    python -m bot.locations load FILE   # insert or update from a YAML file (idempotent)
    python -m bot.locations list        # show what the bot will offer
    python -m bot.locations geocode     # place each street address with the U.S. Census geocoder

Exit codes: 0 done, 1 database error, 2 bad usage or a missing/malformed file, 3 some locations
could not be geocoded (the others were updated).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.census import lookup_address
from bot.locations.geocoding import place_locations
from bot.locations.repository import (
    DEFAULT_SEED_FILE,
    LocationFileError,
    LocationRepository,
    ensure_schema,
    get_engine,
    prepare_database,
    read_locations_file,
    session_scope,
)
from bot.settings import REPO_ROOT, Settings

EXIT_DATABASE_ERROR = 1
EXIT_BAD_INPUT = 2
EXIT_NOT_GEOCODED = 3


def _describe(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _load(path: str) -> int:
    try:
        rows = read_locations_file(path)
    except LocationFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    engine = get_engine()
    ensure_schema(engine)
    with session_scope(engine) as session:
        report = LocationRepository(session).upsert_many(rows)
    print(
        f"Loaded {report.total} location(s) from {path} into {_describe(engine)}: "
        f"{report.inserted} inserted, {report.updated} updated, {report.unchanged} unchanged."
    )
    return 0


def _list() -> int:
    engine = get_engine()
    ensure_schema(engine)
    with session_scope(engine) as session:
        locations = LocationRepository(session).all()
    if not locations:
        seed = DEFAULT_SEED_FILE.relative_to(REPO_ROOT)
        print(f"No locations in {_describe(engine)}. Load some: python -m bot.locations load {seed}")
        return 0
    for location in locations:
        print(
            f"{location.slug}: {location.name}\n"
            f"    {location.address}\n"
            f"    {location.latitude:.4f}, {location.longitude:.4f} ({location.coords_source}"
            f"{f'; set on {location.coords_set_on.isoformat()}' if location.coords_set_on else ''})\n"
            f"    source: {location.source}; verified on {location.verified_on.isoformat()}"
        )
    print(f"{len(locations)} location(s) in {_describe(engine)}")
    return 0


def _geocode() -> int:
    engine = get_engine()
    ensure_schema(engine)
    with session_scope(engine) as session:
        locations = LocationRepository(session).all()
    if not locations:
        print(f"No locations in {_describe(engine)} to geocode.")
        return 0
    settings = Settings.from_env()
    # no database session stays open while the geocoder is asked
    placements = place_locations(locations, lambda address: lookup_address(address, settings), date.today())
    placed = [p.placed for p in placements if p.placed is not None]
    with session_scope(engine) as session:
        LocationRepository(session).upsert_many(placed)
    for placement in placements:
        slug = placement.location.slug
        if placement.placed is None:
            print(f"{slug}: not geocoded ({placement.problem}); coordinates kept")
            continue
        row = placement.placed
        print(
            f"{slug}: geocoded, {placement.moved_miles:.1f} miles from the previous coordinates. "
            f"To keep it when the file is loaded again, put in its row:\n"
            f"    latitude: {row.latitude}\n    longitude: {row.longitude}\n"
            f"    coords_source: {json.dumps(row.coords_source)}\n"
            f"    coords_set_on: {row.coords_set_on}"
        )
    print(f"Geocoded {len(placed)} of {len(placements)} location(s) in {_describe(engine)}.")
    return 0 if len(placed) == len(placements) else EXIT_NOT_GEOCODED


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.locations",
        description="Manage the location locations table (DATABASE_URL or var/locations.db).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser("load", help="insert or update locations from a YAML file")
    load.add_argument("file", help="YAML file with a top-level 'locations:' list")
    commands.add_parser("list", help="list the stored locations")
    commands.add_parser("prepare", help="migrate the schema and load the seed file if the table is empty")
    commands.add_parser(
        "geocode", help="place each stored street address with the U.S. Census geocoder (outside call)"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "prepare":
            prepare_database()
            return 0
        if args.command == "geocode":
            return _geocode()
        return _load(args.file) if args.command == "load" else _list()
    except SQLAlchemyError as error:
        reason = str(error.orig if getattr(error, "orig", None) else error).strip().splitlines()
        print(f"error: database: {reason[0] if reason else type(error).__name__}", file=sys.stderr)
        return EXIT_DATABASE_ERROR


if __name__ == "__main__":
    sys.exit(main())
