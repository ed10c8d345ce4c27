"""`node` and `nodes`: any entity by its global ID."""

import asyncio
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from db import models
from resolvers.access import MODERATED_VISIBILITY, PEOPLE_MODELS, Role, is_row_visible, may_see_people
from resolvers.context import RequestContext
from resolvers.errors import bad_input
from resolvers.ids import encode_global_id, split_global_id
from resolvers.loaders import row_by_id

MAX_NODES = 100

NODE_MODELS: dict[str, type] = {
    "Municipality": models.Municipality,
    "Organization": models.Organization,
    "Program": models.Program,
    "Participant": models.Participant,
    "Enrollment": models.Enrollment,
    "InnovationSite": models.InnovationSite,
    "InnovationProduct": models.InnovationProduct,
    "Event": models.Event,
    "Participation": models.Participation,
    "RoadmapItem": models.RoadmapItem,
    "Indicator": models.Indicator,
    "Publication": models.Publication,
    "ProfessionalCommunity": models.ProfessionalCommunity,
    "CommunityMember": models.CommunityMember,
    "EffectivePractice": models.EffectivePractice,
}
TYPE_NAMES: dict[type, str] = {model: name for name, model in NODE_MODELS.items()}


def global_id_of(row: Any) -> str:
    return encode_global_id(TYPE_NAMES[type(row)], row.id)


def _model_and_pk(global_id: str) -> tuple[type, int]:
    type_name, pk = split_global_id(global_id)
    model = NODE_MODELS.get(type_name)
    if model is None:
        raise bad_input("id.malformed", id=global_id[:64])
    return model, pk


async def _load_visible(context: RequestContext, model: type, pk: int) -> Any:
    row = await row_by_id(context, model).load(pk)
    if row is None or not is_row_visible(context.viewer, row):
        return None
    if model in PEOPLE_MODELS and not await _person_row_in_scope(context, row):
        return None
    if model in MODERATED_VISIBILITY and not await _moderated_row_visible(context, row):
        return None
    return row


async def _moderated_row_visible(context: RequestContext, row: Any) -> bool:
    """Return whether a publication or practice is visible by the same conditions as its lists."""
    conditions = MODERATED_VISIBILITY[type(row)](context.viewer)
    if not conditions or row.status.value == "PUBLISHED":
        return True
    model = type(row)
    statement = select(model.id).where(model.id == row.id, *conditions)
    async with context.read_sessions() as session:
        return (await session.scalar(statement)) is not None


async def _person_row_in_scope(context: RequestContext, row: Any) -> bool:
    """Return whether a participant, participation or enrolment is in the viewer's scope, by the
    same rules as `people_conditions` applies to lists."""
    viewer = context.viewer
    if not may_see_people(viewer):
        return False
    if viewer.role is Role.REGIONAL_ADMIN:
        return True

    if isinstance(row, models.Enrollment):
        program = await row_by_id(context, models.Program).load(row.program_id)
        organization_ids, municipality_ids = {program.organization_id}, {program.municipality_id}
    elif isinstance(row, models.Participation):
        event = await row_by_id(context, models.Event).load(row.event_id)
        organization_ids = {row.organization_id, event.organizer_id}
        municipality_ids = {row.municipality_id}
    else:
        organization_ids, municipality_ids = {row.organization_id}, {row.municipality_id}

    if viewer.role is Role.OPERATOR:
        return not viewer.organization_ids.isdisjoint(organization_ids)
    return not viewer.municipality_ids.isdisjoint(municipality_ids)


async def resolve_node(context: RequestContext, global_id: str) -> Any:
    """Return the entity of `global_id`, or None when it does not exist or is not visible."""
    model, pk = _model_and_pk(global_id)
    return await _load_visible(context, model, pk)


async def resolve_nodes(context: RequestContext, global_ids: Sequence[str]) -> list[Any]:
    """Return the entities of `global_ids` in order; every ID is validated before any SQL runs."""
    if len(global_ids) > MAX_NODES:
        raise bad_input("nodes.too_many", maximum=MAX_NODES, value=len(global_ids))

    targets = [_model_and_pk(global_id) for global_id in global_ids]
    return list(await asyncio.gather(*(_load_visible(context, model, pk) for model, pk in targets)))
