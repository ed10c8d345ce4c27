"""Size of a demo region: how many rows the larger tables get."""

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class DemoSize:
    """Row counts requested for the scalable demo tables.

    The counts of enrollments and participations are targets: a small region can run out of
    students of the right age or of programme places, and then fewer rows are generated.
    The reference tables (43 municipalities, the roadmap, the indicators) do not scale.
    """

    organizations: int
    programs: int
    participants: int
    events: int
    participations: int
    enrollments: int
    innovation_sites: int

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            minimum = MINIMUM_COUNTS[field.name]
            if not isinstance(value, int) or value < minimum:
                raise ValueError(
                    f"invalid DemoSize.{field.name} = {value!r}: it must be an integer of at least "
                    f"{minimum}; use scaled_size() to build a small region"
                )


# Every municipality needs a school, so there must be room for 43 schools besides the other
# kinds of organisation. The other minimums give every generator step some rows to work with.
MINIMUM_COUNTS = {
    "organizations": 80,
    "programs": 30,
    "participants": 200,
    "events": 30,
    "participations": 100,
    "enrollments": 100,
    "innovation_sites": 2,
}

DEFAULT_SIZE = DemoSize(
    organizations=1200,
    programs=6000,
    participants=60000,
    events=4000,
    participations=250000,
    enrollments=80000,
    innovation_sites=40,
)


def scaled_size(factor: float) -> DemoSize:
    """Return DEFAULT_SIZE with every count multiplied by `factor`, raised to its minimum."""
    if not factor > 0:
        raise ValueError(f"invalid scale factor {factor!r}: it must be a positive number")

    counts = {}
    for field in fields(DemoSize):
        scaled = round(getattr(DEFAULT_SIZE, field.name) * factor)
        counts[field.name] = max(scaled, MINIMUM_COUNTS[field.name])
    return DemoSize(**counts)
