"""The location repository's tests that take ``db_engine`` (tests/unit/bot/locations/
test_repository.py), run again on PostgreSQL: collected here, they get this kind's ``db_engine``
(a migrated schema of their own, tests/integration/conftest.py)."""

from tests.unit.bot.locations.test_repository import (  # noqa: F401 (pytest collects them here)
    stored,
    test_changed_row_is_updated_in_place,
    test_charlotte_is_far_from_every_location,
    test_coords_set_on_migration_keeps_the_rows_both_ways,
    test_ensure_schema_is_safe_to_repeat,
    test_ensure_seeded_leaves_an_operators_list_alone,
    test_ensure_seeded_only_fills_an_empty_table,
    test_in_city_ignores_case_and_whitespace,
    test_loading_twice_changes_nothing,
    test_migrated_schema_matches_the_model,
    test_nearest_from_a_location_is_itself_at_zero_miles,
    test_nearest_limit_and_bad_coordinates,
    test_nearest_order_for_towns_and_zips,
    test_results_are_frozen_values_usable_after_the_session,
)
