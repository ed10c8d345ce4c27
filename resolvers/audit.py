"""The audit trail: what each request wrote and which personal fields it read.

Entries name the API key, the request, the operation, the entity type, the row ids and the field
names. They never contain the values that were written or read.
"""

from collections.abc import Iterable
from typing import Any

import orjson

from db.enums import AuditAction
from db.models import AuditEvent
from db.timezone import utc_now
from resolvers.access import Viewer, authorize_personal_field
from resolvers.context import RequestContext


def audit_entry(
    viewer: Viewer,
    request_id: str,
    operation: str | None,
    action: AuditAction,
    entity_type: str,
    entity_ids: Iterable[int],
    fields: Iterable[str],
) -> AuditEvent:
    return AuditEvent(
        occurred_at=utc_now(),
        api_key_id=viewer.key_id,
        role=viewer.role.value,
        request_id=request_id[:64],
        operation=operation[:200] if operation else None,
        action=action,
        entity_type=entity_type,
        entity_ids=orjson.dumps(sorted(set(entity_ids))).decode(),
        fields=orjson.dumps(sorted(set(fields))).decode(),
    )


def audit_event(
    context: RequestContext, action: AuditAction, entity_type: str, entity_ids: Iterable[int], fields: Iterable[str]
) -> AuditEvent:
    return audit_entry(context.viewer, context.request_id, context.operation, action, entity_type, entity_ids, fields)


def read_personal_field(context: RequestContext, participant: Any, field_name: str) -> None:
    """Raise FORBIDDEN unless the caller may read `field_name` of `participant`, and note the read
    for the audit trail."""
    authorize_personal_field(context.viewer, participant, field_name)
    context.personal_reads.setdefault(participant.id, set()).add(field_name)


async def record_personal_reads(context: RequestContext) -> None:
    """Store one audit entry for the personal fields this request read, if it read any."""
    if not context.personal_reads:
        return
    fields = set().union(*context.personal_reads.values())
    entry = audit_event(context, AuditAction.READ_PERSONAL, "Participant", context.personal_reads, fields)
    async with context.write_sessions() as session:
        session.add(entry)
        await session.commit()
    context.personal_reads.clear()
