"""several nationalities per finding, each with its number of persons

Revision ID: finding_nationalities
Revises: render_register
Create Date: 2026-12-03

Issue 18: a finding may involve foreigners of several nationalities ("Tiongkok 3, Vietnam 2"),
and the Kanwil's report counts persons per nationality. A child table `finding_nationalities`
(finding, position, ISO alpha-2 code, persons) replaces the single `findings.nationality` and
`findings.persons`: every finding that had either becomes one row at position 1 with exactly
those values (an unknown nationality stays "", an unknown number NULL); a finding that had
neither gets no row. The old columns are then dropped, so there is one place that says who was
involved.

SQLite drops the columns in place (ALTER TABLE ... DROP COLUMN, 3.35+): a batch copy of
`findings` would lose the search triggers of 0003 on it. The copy is one INSERT ... SELECT
through SQLAlchemy Core, the same on SQLite and PostgreSQL. Downgrade puts each finding's first
row back into the columns (a second nationality has no place there and is lost).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "finding_nationalities"
down_revision = "render_register"
branch_labels = None
depends_on = None

TABLE = "finding_nationalities"


def _findings(*names: str) -> sa.TableClause:
    columns = {"id": sa.Integer, "nationality": sa.String, "persons": sa.Integer}
    return sa.table("findings", *(sa.column(name, columns[name]) for name in names))


def _rows() -> sa.TableClause:
    return sa.table(
        TABLE,
        sa.column("finding_id", sa.Integer),
        sa.column("position", sa.Integer),
        sa.column("nationality", sa.String),
        sa.column("persons", sa.Integer),
    )


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("nationality", sa.String(length=2), nullable=False, server_default=""),
        sa.Column("persons", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f(f"fk_{TABLE}_finding_id_findings"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{TABLE}")),
    )
    op.create_index(op.f(f"ix_{TABLE}_finding_id"), TABLE, ["finding_id"], unique=False)
    findings = _findings("id", "nationality", "persons")
    nationality = sa.func.coalesce(findings.c.nationality, "")
    op.get_bind().execute(
        _rows()
        .insert()
        .from_select(
            ["finding_id", "position", "nationality", "persons"],
            sa.select(findings.c.id, sa.literal(1, sa.Integer), nationality, findings.c.persons).where(
                sa.or_(nationality != "", findings.c.persons.is_not(None))
            ),
        )
    )
    op.drop_column("findings", "persons")
    op.drop_column("findings", "nationality")


def downgrade() -> None:
    op.add_column("findings", sa.Column("nationality", sa.String(length=2), nullable=False, server_default=""))
    op.add_column("findings", sa.Column("persons", sa.Integer(), nullable=True))
    findings, rows, other = _findings("id", "nationality", "persons"), _rows(), _rows().alias("other")
    lowest = sa.select(sa.func.min(other.c.position)).where(other.c.finding_id == findings.c.id).scalar_subquery()
    first = sa.and_(rows.c.finding_id == findings.c.id, rows.c.position == lowest)
    op.get_bind().execute(
        findings.update().values(
            nationality=sa.func.coalesce(sa.select(rows.c.nationality).where(first).scalar_subquery(), ""),
            persons=sa.select(rows.c.persons).where(first).scalar_subquery(),
        )
    )
    op.drop_index(op.f(f"ix_{TABLE}_finding_id"), table_name=TABLE)
    op.drop_table(TABLE)
