"""catalog tables and search index

Revision ID: catalog_0001
Revises: 
Create Date: 2026-11-28 02:23:59.613910
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = 'catalog_0001'
down_revision = None
branch_labels = ('catalog',)
depends_on = None


def upgrade() -> None:
    op.create_table('procedures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('publishing_agency_code', sa.String(length=64), nullable=True),
    sa.Column('level', sa.String(length=32), nullable=True),
    sa.Column('online_level', sa.String(length=32), nullable=True),
    sa.Column('requirements', sa.Text(), nullable=True),
    sa.Column('cutoff_time', sa.String(length=5), nullable=True),
    sa.Column('publication_status', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedures')),
    sa.UniqueConstraint('code', name=op.f('uq_procedures_code'))
    )
    op.create_table('channels',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_channels_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_channels'))
    )
    with op.batch_alter_table('channels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_channels_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('executing_agencies',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_executing_agencies_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_executing_agencies'))
    )
    with op.batch_alter_table('executing_agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_executing_agencies_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('legal_bases',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=128), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_legal_bases_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_legal_bases'))
    )
    with op.batch_alter_table('legal_bases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_legal_bases_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('procedure_fields',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_procedure_fields_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_fields'))
    )
    with op.batch_alter_table('procedure_fields', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_fields_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('procedure_results',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_procedure_results_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_results'))
    )
    with op.batch_alter_table('procedure_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_results_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('procedure_steps',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('case_name', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_procedure_steps_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_steps'))
    )
    with op.batch_alter_table('procedure_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedure_steps_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('required_documents',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('case_name', sa.Text(), nullable=True),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('form_name', sa.Text(), nullable=True),
    sa.Column('form_url', sa.Text(), nullable=True),
    sa.Column('originals', sa.Integer(), nullable=False),
    sa.Column('copies', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_required_documents_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_required_documents'))
    )
    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_required_documents_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('target_groups',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedures.id'], name=op.f('fk_target_groups_procedure_id_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_target_groups'))
    )
    with op.batch_alter_table('target_groups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_target_groups_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('time_limits',
    sa.Column('channel_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Double(), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['channels.id'], name=op.f('fk_time_limits_channel_id_channels'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_time_limits'))
    )
    with op.batch_alter_table('time_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_time_limits_channel_id'), ['channel_id'], unique=False)

    op.create_table('fees',
    sa.Column('time_limit_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.Column('amount_vnd', sa.Integer(), nullable=False),
    sa.Column('unit', sa.String(length=64), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['time_limit_id'], ['time_limits.id'], name=op.f('fk_fees_time_limit_id_time_limits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fees'))
    )
    with op.batch_alter_table('fees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fees_time_limit_id'), ['time_limit_id'], unique=False)
    # Full-text index over folded (diacritic-free, lower-case, đ -> d) text; rowid is
    # procedures.id. Kept in step by counterapp.catalog.importer in the same transaction.
    op.execute(
        "CREATE VIRTUAL TABLE procedure_search USING fts5("
        "code, name, fields, agencies, tokenize = 'unicode61', prefix = '1 2 3')"
    )
    # Default ranking: bm25 with the name weighted highest, then the code.
    op.execute("INSERT INTO procedure_search(procedure_search, rank) VALUES ('rank', 'bm25(4.0, 10.0, 1.0, 1.0)')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS procedure_search")
    with op.batch_alter_table('fees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fees_time_limit_id'))

    op.drop_table('fees')
    with op.batch_alter_table('time_limits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_time_limits_channel_id'))

    op.drop_table('time_limits')
    with op.batch_alter_table('target_groups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_target_groups_procedure_id'))

    op.drop_table('target_groups')
    with op.batch_alter_table('required_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_required_documents_procedure_id'))

    op.drop_table('required_documents')
    with op.batch_alter_table('procedure_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_steps_procedure_id'))

    op.drop_table('procedure_steps')
    with op.batch_alter_table('procedure_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_results_procedure_id'))

    op.drop_table('procedure_results')
    with op.batch_alter_table('procedure_fields', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_procedure_fields_procedure_id'))

    op.drop_table('procedure_fields')
    with op.batch_alter_table('legal_bases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_legal_bases_procedure_id'))

    op.drop_table('legal_bases')
    with op.batch_alter_table('executing_agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_executing_agencies_procedure_id'))

    op.drop_table('executing_agencies')
    with op.batch_alter_table('channels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_channels_procedure_id'))

    op.drop_table('channels')
    op.drop_table('procedures')
