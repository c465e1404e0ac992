"""Record when each location's coordinates were set (``coords_set_on``).

``python -m bot.locations geocode`` fills it with the day it placed the address; rows loaded
from a file take the file's value, or none.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("locations") as batch:
        batch.add_column(sa.Column("coords_set_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("locations") as batch:
        batch.drop_column("coords_set_on")
