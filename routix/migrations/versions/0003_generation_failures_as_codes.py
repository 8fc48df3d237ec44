"""generation failures and notices as codes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 10:00:00.000000

A failed generation stores its error code and params, and a finished one its notices as translation keys, so a page
shows them in the creator's language. Rows from before keep only their English ``error`` / ``notice`` text: they get
no code and an empty notice list, and are shown as they were.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('generations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('error_code', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('error_params', sa.JSON(), server_default='{}', nullable=False))
        batch_op.add_column(sa.Column('notices', sa.JSON(), server_default='[]', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('generations', schema=None) as batch_op:
        batch_op.drop_column('notices')
        batch_op.drop_column('error_params')
        batch_op.drop_column('error_code')
