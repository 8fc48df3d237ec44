"""user roles, disabled accounts, last seen; who granted credits and why

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 17:30:00.000000

Operators administer Routix from the command line (and the admin console): an account has a role ('creator' or
'admin'), can be disabled (it cannot sign in and its sessions end) and remembers when it was last seen. A credit
grant or revocation records who made it (``operator``: 'cli:<os user>' or 'admin:<user id>') and the reason given
(``note``); the short ``reason`` column keeps its closed set (signup, generation, refund, grant).
Existing accounts become creators.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), server_default='creator', nullable=False)
        )
        batch_op.add_column(sa.Column('disabled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_seen_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table('credit_entries', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('operator', sqlmodel.sql.sqltypes.AutoString(length=120), server_default='', nullable=False)
        )
        batch_op.add_column(
            sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), server_default='', nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table('credit_entries', schema=None) as batch_op:
        batch_op.drop_column('note')
        batch_op.drop_column('operator')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_seen_at')
        batch_op.drop_column('disabled_at')
        batch_op.drop_column('role')
