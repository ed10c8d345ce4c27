"""Figures kept per school year: indicator targets and the child population of a municipality.

Each is set (created or replaced) and removed by its key, so repeating a set changes nothing.
"""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Indicator, IndicatorTarget, Municipality, MunicipalityPopulation
from resolvers.access import Scope, Viewer, may_write
from resolvers.writes.engine import UserError, WriteResult
from resolvers.writes.rules import Integer, Invalid, Number, Reference

SCHOOL_YEAR = Integer(required=True, minimum=2000, maximum=2100)
CHILDREN = Integer(required=True, minimum=0, maximum=10_000_000)
TARGET_VALUE = Number(required=True, minimum=-1_000_000_000, maximum=1_000_000_000)


def _clean(checks: dict[str, tuple[Any, Any]]) -> tuple[dict[str, Any], list[UserError]]:
    cleaned: dict[str, Any] = {}
    errors: list[UserError] = []
    for name, (rule, value) in checks.items():
        try:
            cleaned[name] = rule.clean(value)
        except Invalid as problem:
            errors.append(UserError((name,), problem.code, problem.message_key, problem.params))
    return cleaned, errors


def _forbidden(viewer: Viewer) -> WriteResult:
    return WriteResult(errors=[UserError(None, "FORBIDDEN", "write.forbidden", {"role": viewer.role.value})])


async def set_indicator_target(
    session: AsyncSession, viewer: Viewer, indicator_id: Any, school_year: Any, target_value: Any, *, remove: bool = False
) -> WriteResult:
    """Set the target of an indicator for a school year, or remove it."""
    checks = {"indicator_id": (Reference(type_name="Indicator"), indicator_id), "school_year": (SCHOOL_YEAR, school_year)}
    if not remove:
        checks["value"] = (TARGET_VALUE, target_value)
    cleaned, errors = _clean(checks)
    if errors:
        return WriteResult(errors=errors)
    if not may_write(viewer, Scope(regional=True)):
        return _forbidden(viewer)

    indicator = await session.get(Indicator, cleaned["indicator_id"])
    if indicator is None:
        return WriteResult(errors=[UserError(("indicator_id",), "NOT_FOUND", "write.indicator_not_found")])
    target = await session.get(IndicatorTarget, (indicator.id, cleaned["school_year"]), with_for_update=True)
    if remove:
        if target is None:
            return WriteResult(
                errors=[UserError(("school_year",), "NOT_FOUND", "write.target_not_found", {"value": cleaned["school_year"]})]
            )
        await session.delete(target)
        return WriteResult(row=indicator, changed=True)
    if target is None:
        session.add(IndicatorTarget(indicator_id=indicator.id, school_year=cleaned["school_year"], target_value=cleaned["value"]))
        return WriteResult(row=indicator, changed=True, created=True)
    if target.target_value == cleaned["value"]:
        return WriteResult(row=indicator)
    target.target_value = cleaned["value"]
    return WriteResult(row=indicator, changed=True)


async def set_child_population(
    session: AsyncSession, viewer: Viewer, municipality_id: Any, school_year: Any, children: Any, *, remove: bool = False
) -> WriteResult:
    """Set the number of children aged 5 to 18 in a municipality for a school year, or remove it.

    The result's row is the municipality, and `changed` is true when anything was stored.
    """
    checks = {
        "municipality_id": (Reference(type_name="Municipality"), municipality_id),
        "school_year": (SCHOOL_YEAR, school_year),
    }
    if not remove:
        checks["children"] = (CHILDREN, children)
    cleaned, errors = _clean(checks)
    if errors:
        return WriteResult(errors=errors)
    municipality = await session.get(Municipality, cleaned["municipality_id"])
    if municipality is None:
        return WriteResult(
            errors=[UserError(("municipality_id",), "NOT_FOUND", "write.reference_not_found", {"value": "Municipality"})]
        )
    if not may_write(viewer, Scope(municipality_ids=frozenset({municipality.id}))):
        return _forbidden(viewer)

    key = (municipality.id, cleaned["school_year"])
    population = await session.get(MunicipalityPopulation, key, with_for_update=True)
    if remove:
        if population is None:
            return WriteResult(
                errors=[UserError(("school_year",), "NOT_FOUND", "write.population_not_found", {"value": cleaned["school_year"]})]
            )
        await session.delete(population)
        return WriteResult(row=municipality, changed=True)
    if population is None:
        session.add(MunicipalityPopulation(municipality_id=municipality.id, school_year=key[1], children_5_18=cleaned["children"]))
        return WriteResult(row=municipality, changed=True, created=True)
    if population.children_5_18 == cleaned["children"]:
        return WriteResult(row=municipality)
    population.children_5_18 = cleaned["children"]
    return WriteResult(row=municipality, changed=True)
