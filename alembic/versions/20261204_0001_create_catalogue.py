"""create catalogue

Revision ID: 0001
Revises:
Create Date: 2026-12-04 20:22:31.486511
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('municipalities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('oktmo', sa.String(length=11), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('URBAN_OKRUG', 'MUNICIPAL_OKRUG', 'MUNICIPAL_DISTRICT', name='municipality_kind', native_enum=False, create_constraint=True, length=26), nullable=False),
    sa.Column('search_key', sa.String(length=200).with_variant(sa.String(length=200, collation='C'), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipalities')),
    sa.UniqueConstraint('code', name=op.f('uq_municipalities_code')),
    sa.UniqueConstraint('oktmo', name=op.f('uq_municipalities_oktmo'))
    )
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_municipalities_search_key'), ['search_key'], unique=False)

    op.create_table('roadmap_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('number_key', sa.String(length=100).with_variant(sa.String(length=100, collation='C'), 'postgresql'), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('section', sa.String(length=300), nullable=True),
    sa.Column('responsible', sa.String(length=500), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('PLANNED', 'IN_PROGRESS', 'DONE', 'OVERDUE', name='roadmap_item_status', native_enum=False, create_constraint=True, length=19), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('search_key', sa.String(length=1000).with_variant(sa.String(length=1000, collation='C'), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmap_items')),
    sa.UniqueConstraint('number', name=op.f('uq_roadmap_items_number'))
    )
    with op.batch_alter_table('roadmap_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmap_items_number_key'), ['number_key'], unique=False)

    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('unit', sa.String(length=32), nullable=False),
    sa.Column('higher_is_better', sa.Boolean(), nullable=False),
    sa.Column('roadmap_item_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['roadmap_item_id'], ['roadmap_items.id'], name=op.f('fk_indicators_roadmap_item_id_roadmap_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators')),
    sa.UniqueConstraint('code', name=op.f('uq_indicators_code'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_roadmap_item_id'), ['roadmap_item_id'], unique=False)

    op.create_table('municipality_populations',
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.SmallInteger(), nullable=False),
    sa.Column('children_5_18', sa.Integer(), nullable=False),
    sa.CheckConstraint('children_5_18 >= 0', name=op.f('ck_municipality_populations_children_not_negative')),
    sa.CheckConstraint('school_year BETWEEN 2000 AND 2100', name=op.f('ck_municipality_populations_school_year_range')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_municipality_populations_municipality_id_municipalities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('municipality_id', 'school_year', name=op.f('pk_municipality_populations'))
    )
    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('inn', sa.String(length=12), nullable=True),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('short_name', sa.String(length=200), nullable=True),
    sa.Column('kind', sa.Enum('SCHOOL', 'ADDITIONAL_EDUCATION', 'PRESCHOOL', 'COLLEGE', 'UNIVERSITY', 'OTHER', name='organization_kind', native_enum=False, create_constraint=True, length=28), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('search_key', sa.String(length=800).with_variant(sa.String(length=800, collation='C'), 'postgresql'), nullable=False),
    sa.CheckConstraint('inn IS NULL OR length(inn) IN (10, 12)', name=op.f('ck_organizations_inn_length')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_organizations_municipality_id_municipalities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('external_id', name=op.f('uq_organizations_external_id')),
    sa.UniqueConstraint('inn', name=op.f('uq_organizations_inn'))
    )
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organizations_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_organizations_search_key'), ['search_key'], unique=False)

    op.create_table('indicator_targets',
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.SmallInteger(), nullable=False),
    sa.Column('target_value', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_indicator_targets_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('indicator_id', 'school_year', name=op.f('pk_indicator_targets'))
    )
    op.create_table('innovation_sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('kind', sa.Enum('REGIONAL_INNOVATION_SITE', 'INTERNSHIP_SITE', 'RESOURCE_CENTER', 'DISCUSSION_PLATFORM', name='innovation_site_kind', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('status', sa.Enum('APPLIED', 'ACTIVE', 'EXTENDED', 'COMPLETED', 'REVOKED', name='innovation_site_status', native_enum=False, create_constraint=True, length=17), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('order_number', sa.String(length=64), nullable=True),
    sa.Column('order_date', sa.Date(), nullable=True),
    sa.Column('supervisor', sa.String(length=300), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('search_key', sa.String(length=1000).with_variant(sa.String(length=1000, collation='C'), 'postgresql'), nullable=False),
    sa.CheckConstraint('end_date IS NULL OR end_date >= start_date', name=op.f('ck_innovation_sites_date_range')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_innovation_sites_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_innovation_sites')),
    sa.UniqueConstraint('external_id', name=op.f('uq_innovation_sites_external_id'))
    )
    with op.batch_alter_table('innovation_sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_innovation_sites_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_innovation_sites_search_key'), ['search_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_innovation_sites_status'), ['status'], unique=False)

    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('category', sa.Enum('STUDENT', 'TEACHER', 'MANAGER', 'PARENT', name='participant_category', native_enum=False, create_constraint=True, length=15), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('grade', sa.SmallInteger(), nullable=True),
    sa.Column('birth_year', sa.SmallInteger(), nullable=True),
    sa.Column('sex', sa.Enum('MALE', 'FEMALE', name='sex', native_enum=False, create_constraint=True, length=14), nullable=True),
    sa.Column('last_name', sa.String(length=100), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=False),
    sa.Column('middle_name', sa.String(length=100), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('has_disability_status', sa.Boolean(), nullable=False),
    sa.Column('is_disabled_child', sa.Boolean(), nullable=False),
    sa.CheckConstraint('birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100', name=op.f('ck_participants_birth_year_range')),
    sa.CheckConstraint('grade IS NULL OR grade BETWEEN 0 AND 11', name=op.f('ck_participants_grade_range')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_participants_municipality_id_municipalities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_participants_organization_id_organizations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('external_id', name=op.f('uq_participants_external_id'))
    )
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.create_index('ix_participants_municipality_category', ['municipality_id', 'category'], unique=False)
        batch_op.create_index(batch_op.f('ix_participants_organization_id'), ['organization_id'], unique=False)

    op.create_table('programs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('orientation', sa.Enum('TECHNICAL', 'NATURAL_SCIENCE', 'PHYSICAL_CULTURE_SPORTS', 'ARTS', 'TOURISM_LOCAL_HISTORY', 'SOCIAL_HUMANITARIAN', name='orientation', native_enum=False, create_constraint=True, length=31), nullable=False),
    sa.Column('program_type', sa.Enum('GENERAL_DEVELOPMENTAL', 'PRE_PROFESSIONAL', name='program_type', native_enum=False, create_constraint=True, length=29), nullable=False),
    sa.Column('study_form', sa.Enum('FULL_TIME', 'PART_TIME', 'EXTRAMURAL', name='study_form', native_enum=False, create_constraint=True, length=18), nullable=False),
    sa.Column('is_network', sa.Boolean(), nullable=False),
    sa.Column('uses_distance_learning', sa.Boolean(), nullable=False),
    sa.Column('is_adapted', sa.Boolean(), nullable=False),
    sa.Column('age_from', sa.SmallInteger(), nullable=False),
    sa.Column('age_to', sa.SmallInteger(), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=True),
    sa.Column('financing', sa.Enum('FREE', 'CERTIFICATE', 'PAID', name='financing_source', native_enum=False, create_constraint=True, length=19), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('DRAFT', 'PUBLISHED', 'ARCHIVED', name='program_status', native_enum=False, create_constraint=True, length=17), nullable=False),
    sa.Column('school_year', sa.SmallInteger(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('created_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('search_key', sa.String(length=500).with_variant(sa.String(length=500, collation='C'), 'postgresql'), nullable=False),
    sa.CheckConstraint('age_from >= 0 AND age_to <= 99 AND age_from <= age_to', name=op.f('ck_programs_age_range')),
    sa.CheckConstraint('capacity IS NULL OR capacity >= 0', name=op.f('ck_programs_capacity_not_negative')),
    sa.CheckConstraint('hours IS NULL OR hours > 0', name=op.f('ck_programs_hours_positive')),
    sa.CheckConstraint('school_year BETWEEN 2000 AND 2100', name=op.f('ck_programs_school_year_range')),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_programs_municipality_id_municipalities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_programs_organization_id_organizations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programs')),
    sa.UniqueConstraint('external_id', name=op.f('uq_programs_external_id'))
    )
    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.create_index('ix_programs_municipality_orientation', ['municipality_id', 'orientation'], unique=False)
        batch_op.create_index(batch_op.f('ix_programs_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programs_search_key'), ['search_key'], unique=False)
        batch_op.create_index('ix_programs_status_school_year', ['status', 'school_year'], unique=False)

    op.create_table('enrollments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('school_year', sa.SmallInteger(), nullable=False),
    sa.Column('status', sa.Enum('ENROLLED', 'COMPLETED', 'WITHDRAWN', name='enrollment_status', native_enum=False, create_constraint=True, length=17), nullable=False),
    sa.Column('enrolled_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('school_year BETWEEN 2000 AND 2100', name=op.f('ck_enrollments_school_year_range')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_enrollments_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_enrollments_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollments')),
    sa.UniqueConstraint('participant_id', 'program_id', 'school_year', name=op.f('uq_enrollments_participant_id_program_id_school_year'))
    )
    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.create_index('ix_enrollments_program_status', ['program_id', 'status'], unique=False)
        batch_op.create_index('ix_enrollments_school_year', ['school_year'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('kind', sa.Enum('OLYMPIAD', 'CONTEST', 'CONFERENCE', 'FESTIVAL', 'PROJECT_SESSION', 'METHODICAL_SESSION', 'MASTER_CLASS', 'WEBINAR', 'INTERNSHIP', 'FOCUS_GROUP', 'DISCUSSION', 'OTHER', name='event_kind', native_enum=False, create_constraint=True, length=26), nullable=False),
    sa.Column('level', sa.Enum('SCHOOL', 'MUNICIPAL', 'REGIONAL', 'INTERREGIONAL', 'ALL_RUSSIAN', 'INTERNATIONAL', name='event_level', native_enum=False, create_constraint=True, length=21), nullable=False),
    sa.Column('olympiad_stage', sa.Enum('SCHOOL', 'MUNICIPAL', 'REGIONAL', 'FINAL', name='olympiad_stage', native_enum=False, create_constraint=True, length=17), nullable=True),
    sa.Column('format', sa.Enum('ONLINE', 'OFFLINE', 'HYBRID', name='event_format', native_enum=False, create_constraint=True, length=15), nullable=False),
    sa.Column('starts_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', db.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('school_year', sa.SmallInteger(), nullable=False),
    sa.Column('orientation', sa.Enum('TECHNICAL', 'NATURAL_SCIENCE', 'PHYSICAL_CULTURE_SPORTS', 'ARTS', 'TOURISM_LOCAL_HISTORY', 'SOCIAL_HUMANITARIAN', name='orientation', native_enum=False, create_constraint=True, length=31), nullable=True),
    sa.Column('subject', sa.String(length=100), nullable=True),
    sa.Column('in_federal_list', sa.Boolean(), nullable=False),
    sa.Column('organizer_id', sa.Integer(), nullable=True),
    sa.Column('innovation_site_id', sa.Integer(), nullable=True),
    sa.Column('municipality_id', sa.Integer(), nullable=True),
    sa.Column('roadmap_item_id', sa.Integer(), nullable=True),
    sa.Column('search_key', sa.String(length=1000).with_variant(sa.String(length=1000, collation='C'), 'postgresql'), nullable=False),
    sa.CheckConstraint("olympiad_stage IS NULL OR kind = 'OLYMPIAD'", name=op.f('ck_events_stage_of_olympiad')),
    sa.CheckConstraint('ends_at >= starts_at', name=op.f('ck_events_time_range')),
    sa.CheckConstraint('school_year BETWEEN 2000 AND 2100', name=op.f('ck_events_school_year_range')),
    sa.ForeignKeyConstraint(['innovation_site_id'], ['innovation_sites.id'], name=op.f('fk_events_innovation_site_id_innovation_sites'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_events_municipality_id_municipalities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organizer_id'], ['organizations.id'], name=op.f('fk_events_organizer_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['roadmap_item_id'], ['roadmap_items.id'], name=op.f('fk_events_roadmap_item_id_roadmap_items'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('external_id', name=op.f('uq_events_external_id'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_innovation_site_id'), ['innovation_site_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_municipality_id'), ['municipality_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_organizer_id'), ['organizer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_roadmap_item_id'), ['roadmap_item_id'], unique=False)
        batch_op.create_index('ix_events_school_year_kind', ['school_year', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_search_key'), ['search_key'], unique=False)
        batch_op.create_index('ix_events_starts_at', ['starts_at'], unique=False)

    op.create_table('innovation_products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=1000), nullable=False),
    sa.Column('kind', sa.Enum('MODULAR_COURSE', 'METHODICAL_MATERIAL', 'PROGRAM', 'RECORDING', 'OTHER', name='innovation_product_kind', native_enum=False, create_constraint=True, length=27), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('published_at', db.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('search_key', sa.String(length=1000).with_variant(sa.String(length=1000, collation='C'), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['innovation_sites.id'], name=op.f('fk_innovation_products_site_id_innovation_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_innovation_products'))
    )
    with op.batch_alter_table('innovation_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_innovation_products_site_id'), ['site_id'], unique=False)

    op.create_table('innovation_site_focus',
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('focus', sa.Enum('IDENTIFICATION', 'SUPPORT', 'DEVELOPMENT', name='talent_focus', native_enum=False, create_constraint=True, length=22), nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['innovation_sites.id'], name=op.f('fk_innovation_site_focus_site_id_innovation_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('site_id', 'focus', name=op.f('pk_innovation_site_focus'))
    )
    op.create_table('innovation_site_partners',
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_innovation_site_partners_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['site_id'], ['innovation_sites.id'], name=op.f('fk_innovation_site_partners_site_id_innovation_sites'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('site_id', 'organization_id', name=op.f('pk_innovation_site_partners'))
    )
    with op.batch_alter_table('innovation_site_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_innovation_site_partners_organization_id'), ['organization_id'], unique=False)

    op.create_table('participant_disabilities',
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('DEAF', 'HARD_OF_HEARING', 'BLIND', 'VISUALLY_IMPAIRED', 'SEVERE_SPEECH_DISORDER', 'MUSCULOSKELETAL_DISORDER', 'DEVELOPMENTAL_DELAY', 'AUTISM_SPECTRUM', 'INTELLECTUAL_DISABILITY', 'MULTIPLE_SEVERE_DISABILITIES', 'OTHER', name='disability_category', native_enum=False, create_constraint=True, length=36), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_participant_disabilities_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'category', name=op.f('pk_participant_disabilities'))
    )
    op.create_table('program_adapted_for',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('DEAF', 'HARD_OF_HEARING', 'BLIND', 'VISUALLY_IMPAIRED', 'SEVERE_SPEECH_DISORDER', 'MUSCULOSKELETAL_DISORDER', 'DEVELOPMENTAL_DELAY', 'AUTISM_SPECTRUM', 'INTELLECTUAL_DISABILITY', 'MULTIPLE_SEVERE_DISABILITIES', 'OTHER', name='disability_category', native_enum=False, create_constraint=True, length=36), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_program_adapted_for_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', 'category', name=op.f('pk_program_adapted_for'))
    )
    op.create_table('program_levels',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Enum('STARTER', 'BASIC', 'ADVANCED', name='program_level', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_program_levels_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', 'level', name=op.f('pk_program_levels'))
    )
    op.create_table('program_partners',
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_program_partners_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['programs.id'], name=op.f('fk_program_partners_program_id_programs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('program_id', 'organization_id', name=op.f('pk_program_partners'))
    )
    with op.batch_alter_table('program_partners', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_partners_organization_id'), ['organization_id'], unique=False)

    op.create_table('event_audiences',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.Enum('STUDENT', 'TEACHER', 'MANAGER', 'PARENT', name='participant_category', native_enum=False, create_constraint=True, length=15), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_audiences_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'category', name=op.f('pk_event_audiences'))
    )
    op.create_table('participations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('result', sa.Enum('PARTICIPANT', 'PRIZE_WINNER', 'WINNER', 'LAUREATE', 'DIPLOMA_HOLDER', name='participation_result', native_enum=False, create_constraint=True, length=22), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('mentor_id', sa.Integer(), nullable=True),
    sa.Column('school_year', sa.SmallInteger(), nullable=False),
    sa.Column('municipality_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('mentor_id IS NULL OR mentor_id <> participant_id', name=op.f('ck_participations_mentor_not_self')),
    sa.CheckConstraint('school_year BETWEEN 2000 AND 2100', name=op.f('ck_participations_school_year_range')),
    sa.CheckConstraint('score IS NULL OR score >= 0', name=op.f('ck_participations_score_not_negative')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_participations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['mentor_id'], ['participants.id'], name=op.f('fk_participations_mentor_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['municipality_id'], ['municipalities.id'], name=op.f('fk_participations_municipality_id_municipalities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_participations_organization_id_organizations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_participations_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participations')),
    sa.UniqueConstraint('event_id', 'participant_id', name=op.f('uq_participations_event_id_participant_id'))
    )
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participations_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index('ix_participations_municipality_school_year', ['municipality_id', 'school_year'], unique=False)
        batch_op.create_index('ix_participations_organization_school_year', ['organization_id', 'school_year'], unique=False)
        batch_op.create_index(batch_op.f('ix_participations_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index('ix_participations_school_year_result', ['school_year', 'result'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.drop_index('ix_participations_school_year_result')
        batch_op.drop_index(batch_op.f('ix_participations_participant_id'))
        batch_op.drop_index('ix_participations_organization_school_year')
        batch_op.drop_index('ix_participations_municipality_school_year')
        batch_op.drop_index(batch_op.f('ix_participations_mentor_id'))

    op.drop_table('participations')
    op.drop_table('event_audiences')
    with op.batch_alter_table('program_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_partners_organization_id'))

    op.drop_table('program_partners')
    op.drop_table('program_levels')
    op.drop_table('program_adapted_for')
    op.drop_table('participant_disabilities')
    with op.batch_alter_table('innovation_site_partners', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_innovation_site_partners_organization_id'))

    op.drop_table('innovation_site_partners')
    op.drop_table('innovation_site_focus')
    with op.batch_alter_table('innovation_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_innovation_products_site_id'))

    op.drop_table('innovation_products')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_starts_at')
        batch_op.drop_index(batch_op.f('ix_events_search_key'))
        batch_op.drop_index('ix_events_school_year_kind')
        batch_op.drop_index(batch_op.f('ix_events_roadmap_item_id'))
        batch_op.drop_index(batch_op.f('ix_events_organizer_id'))
        batch_op.drop_index(batch_op.f('ix_events_municipality_id'))
        batch_op.drop_index(batch_op.f('ix_events_innovation_site_id'))

    op.drop_table('events')
    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.drop_index('ix_enrollments_school_year')
        batch_op.drop_index('ix_enrollments_program_status')

    op.drop_table('enrollments')
    with op.batch_alter_table('programs', schema=None) as batch_op:
        batch_op.drop_index('ix_programs_status_school_year')
        batch_op.drop_index(batch_op.f('ix_programs_search_key'))
        batch_op.drop_index(batch_op.f('ix_programs_organization_id'))
        batch_op.drop_index('ix_programs_municipality_orientation')

    op.drop_table('programs')
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participants_organization_id'))
        batch_op.drop_index('ix_participants_municipality_category')

    op.drop_table('participants')
    with op.batch_alter_table('innovation_sites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_innovation_sites_status'))
        batch_op.drop_index(batch_op.f('ix_innovation_sites_search_key'))
        batch_op.drop_index(batch_op.f('ix_innovation_sites_organization_id'))

    op.drop_table('innovation_sites')
    op.drop_table('indicator_targets')
    with op.batch_alter_table('organizations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organizations_search_key'))
        batch_op.drop_index(batch_op.f('ix_organizations_municipality_id'))

    op.drop_table('organizations')
    op.drop_table('municipality_populations')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicators_roadmap_item_id'))

    op.drop_table('indicators')
    with op.batch_alter_table('roadmap_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmap_items_number_key'))

    op.drop_table('roadmap_items')
    with op.batch_alter_table('municipalities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_municipalities_search_key'))

    op.drop_table('municipalities')
