"""Location finder core: where patients can be seen, stored in the ``locations`` table.

Plain Python (no Rasa). The action server uses::

    from bot.geo import geocode
    from bot.locations import LocationRepository, session_scope

    place = geocode(text)
    if place.has_coordinates:
        with session_scope() as session:
            nearest = LocationRepository(session).nearest(place.latitude, place.longitude)

Operators load or update the list with ``python -m bot.locations load FILE`` and replace the
approximate coordinates with the Census geocoder's with ``python -m bot.locations geocode``.
"""

from bot.locations.models import (
    InvalidLocation,
    LoadReport,
    Location,
    LocationDistance,
    location_from_mapping,
)
from bot.locations.repository import (
    DEFAULT_SEED_FILE,
    LocationFileError,
    LocationRepository,
    ensure_schema,
    ensure_seeded,
    get_engine,
    prepare_database,
    read_locations_file,
    session_scope,
)

__all__ = [
    "DEFAULT_SEED_FILE",
    "InvalidLocation",
    "LoadReport",
    "Location",
    "LocationDistance",
    "LocationFileError",
    "LocationRepository",
    "ensure_schema",
    "ensure_seeded",
    "get_engine",
    "location_from_mapping",
    "prepare_database",
    "read_locations_file",
    "session_scope",
]
