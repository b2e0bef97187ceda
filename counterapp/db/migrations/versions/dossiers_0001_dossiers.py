"""dossiers, checklist, fees, status history, print log, drafts, number blocks

Revision ID: dossiers_0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "dossiers_0001"
down_revision = None
branch_labels = ("dossiers",)
depends_on = ("catalog_0001",)


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("code_provisional", sa.Boolean(), nullable=False),
        sa.Column("provisional_code", sa.String(64), nullable=True),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("counter_id", sa.String(32), nullable=True),
        sa.Column("procedure_id", sa.Integer(), nullable=True),
        sa.Column("procedure_code", sa.String(64), nullable=False),
        sa.Column("procedure_name", sa.Text(), nullable=False),
        sa.Column("field_code", sa.String(64), nullable=True),
        sa.Column("field_name", sa.Text(), nullable=True),
        sa.Column("applicant_kind", sa.String(16), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("applicant_name_folded", sa.Text(), nullable=False),
        sa.Column("id_number", sa.String(12), nullable=True),
        sa.Column("old_id_number", sa.String(12), nullable=True),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(16), nullable=True),
        sa.Column("phone", sa.String(20), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("province_code", sa.String(16), nullable=True),
        sa.Column("province_name", sa.Text(), nullable=True),
        sa.Column("commune_code", sa.String(16), nullable=True),
        sa.Column("commune_name", sa.Text(), nullable=True),
        sa.Column("street", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("org_name", sa.Text(), nullable=True),
        sa.Column("tax_code", sa.String(20), nullable=True),
        sa.Column("representative", sa.Text(), nullable=True),
        sa.Column("channel", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("sets_count", sa.Integer(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("due_rule_json", sa.Text(), nullable=True),
        sa.Column("duration_amount", sa.Float(), nullable=True),
        sa.Column("duration_unit", sa.String(32), nullable=True),
        sa.Column("officer", sa.Text(), nullable=False),
        sa.Column("ledger_book", sa.String(64), nullable=True),
        sa.Column("ledger_line", sa.Integer(), nullable=True),
        sa.Column("lead_agency_name", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("result_received_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("returned_to", sa.Text(), nullable=True),
        sa.Column("return_note", sa.Text(), nullable=True),
        sa.Column("refusal_reason", sa.Text(), nullable=True),
        sa.Column("completion_request_json", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"], ["procedures.id"],
            name=op.f("fk_dossiers_procedure_id_procedures"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dossiers_uuid")),
        sa.UniqueConstraint("code", name=op.f("uq_dossiers_code")),
        sa.CheckConstraint("status BETWEEN 1 AND 10", name=op.f("ck_dossiers_status_range")),
        sa.CheckConstraint(
            "applicant_kind IN ('citizen', 'organization')", name=op.f("ck_dossiers_applicant_kind")
        ),
    )
    op.create_index("ix_dossiers_received_at_id", "dossiers", ["received_at", "id"])
    op.create_index("ix_dossiers_status_due_at", "dossiers", ["status", "due_at"])
    op.create_index("ix_dossiers_applicant_name_folded", "dossiers", ["applicant_name_folded"])
    op.create_index("ix_dossiers_id_number", "dossiers", ["id_number"])
    op.create_index("ix_dossiers_phone", "dossiers", ["phone"])
    op.create_index("ix_dossiers_procedure_id", "dossiers", ["procedure_id"])

    op.create_table(
        "dossier_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("document_code", sa.String(64), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("form", sa.String(16), nullable=False),
        sa.Column("originals_received", sa.Integer(), nullable=False),
        sa.Column("copies_received", sa.Integer(), nullable=False),
        sa.Column("required_originals", sa.Integer(), nullable=False),
        sa.Column("required_copies", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("missing", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"],
            name=op.f("fk_dossier_documents_dossier_id_dossiers"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_documents")),
        sa.CheckConstraint(
            "form IN ('original', 'certified_copy', 'photocopy')", name=op.f("ck_dossier_documents_form")
        ),
    )
    op.create_index(op.f("ix_dossier_documents_dossier_id"), "dossier_documents", ["dossier_id"])

    op.create_table(
        "dossier_fees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(64), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("amount_vnd", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=True),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_fees_dossier_id_dossiers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_fees")),
    )
    op.create_index(op.f("ix_dossier_fees_dossier_id"), "dossier_fees", ["dossier_id"])

    op.create_table(
        "dossier_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.Integer(), nullable=True),
        sa.Column("to_status", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("handler", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("department", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=True),
        sa.Column("step_started_at", sa.DateTime(), nullable=True),
        sa.Column("step_due_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"],
            name=op.f("fk_dossier_status_changes_dossier_id_dossiers"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_status_changes")),
        sa.UniqueConstraint("uuid", name=op.f("uq_dossier_status_changes_uuid")),
    )
    op.create_index(op.f("ix_dossier_status_changes_dossier_id"), "dossier_status_changes", ["dossier_id"])

    op.create_table(
        "print_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=True),
        sa.Column("form", sa.String(64), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("printed_by", sa.Text(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("reprint", sa.Boolean(), nullable=False),
        sa.Column("target", sa.String(16), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_print_records_dossier_id_dossiers"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_records")),
    )
    op.create_index("ix_print_records_dossier_id_form", "print_records", ["dossier_id", "form"])
    op.create_index(op.f("ix_print_records_printed_at"), "print_records", ["printed_at"])

    op.create_table(
        "intake_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(36), nullable=False),
        sa.Column("payload_json", sa.Text(), nullable=False),
        sa.Column("officer", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_drafts")),
        sa.UniqueConstraint("uuid", name=op.f("uq_intake_drafts_uuid")),
    )
    op.create_index(op.f("ix_intake_drafts_updated_at"), "intake_drafts", ["updated_at"])

    op.create_table(
        "number_blocks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_code", sa.String(64), nullable=False),
        sa.Column("valid_on", sa.Date(), nullable=True),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_blocks")),
        sa.CheckConstraint("first >= 1 AND last >= first", name=op.f("ck_number_blocks_range")),
    )
    op.create_index("ix_number_blocks_agency_code_valid_on", "number_blocks", ["agency_code", "valid_on"])

    op.create_table(
        "daily_sequences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("series", sa.String(64), nullable=False),
        sa.Column("block_id", sa.Integer(), nullable=True),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["block_id"], ["number_blocks.id"],
            name=op.f("fk_daily_sequences_block_id_number_blocks"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daily_sequences")),
        sa.UniqueConstraint("day", "series", name="uq_daily_sequences_day_series"),
    )
    op.create_index(op.f("ix_daily_sequences_block_id"), "daily_sequences", ["block_id"])


def downgrade() -> None:
    op.drop_table("daily_sequences")
    op.drop_table("number_blocks")
    op.drop_table("intake_drafts")
    op.drop_table("print_records")
    op.drop_table("dossier_status_changes")
    op.drop_table("dossier_fees")
    op.drop_table("dossier_documents")
    op.drop_table("dossiers")
