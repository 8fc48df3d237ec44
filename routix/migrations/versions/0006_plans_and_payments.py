"""plans: a user's plan and its renewal; monthly refills applied once; Stripe events applied once

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 18:25:00.000000

Plans are configuration (routix/billing/plans.py); a user names theirs in ``users.plan`` (existing accounts are on
'free') and a plan bought through Stripe records when its period ends (``plan_renews_at``). A plan with monthly
credits refills them once per user and month: ``plan_refills`` (user_id, period 'YYYY-MM') is unique, so a second
refill of the same month fails to insert and changes nothing. ``payment_events`` keeps the id of every Stripe
webhook event that was applied (unique), so a redelivered event is a no-op.
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('plan', sqlmodel.sql.sqltypes.AutoString(length=32), server_default='free', nullable=False)
        )
        batch_op.add_column(sa.Column('plan_renews_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_table(
        'plan_refills',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column('plan', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('credits', sa.Integer(), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'period', name='uq_plan_refills_user_period'),
    )
    op.create_table(
        'payment_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('stripe_event_id', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column('type', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('processed_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('stripe_event_id'),
    )
    with op.batch_alter_table('payment_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_events_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('payment_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_events_user_id'))
    op.drop_table('payment_events')
    op.drop_table('plan_refills')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('plan_renews_at')
        batch_op.drop_column('plan')
