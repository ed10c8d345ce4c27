"""Reference data shipped with the project."""

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from db.enums import MunicipalityKind

# Chelyabinsk city's OKTMO code; the other municipalities' codes are not verified here,
# so the reference list leaves them empty rather than guessing.
CHELYABINSK_OKTMO = "75701000"
REGION_OKTMO = "75000000"


@dataclass(frozen=True)
class MunicipalityRecord:
    code: str
    kind: MunicipalityKind
    name: str
    oktmo: str | None


@cache
def municipalities() -> tuple[MunicipalityRecord, ...]:
    """Return the region's 43 municipalities: 16 urban okrugs and 27 municipal okrugs."""
    text = resources.files("db.reference").joinpath("municipalities.csv").read_text("utf-8")
    return tuple(
        MunicipalityRecord(
            code=row["code"],
            kind=MunicipalityKind(row["kind"]),
            name=row["name"],
            oktmo=row["oktmo"] or None,
        )
        for row in csv.DictReader(text.splitlines())
    )
