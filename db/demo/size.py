"""Size of a demo region: how many rows the larger tables get."""

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class DemoSize:
    """Row counts requested for the scalable demo tables.

    The counts of enrollments and participations are targets: a small region can run out of
    students of the right age or of programme places, and then fewer rows are generated.
    The reference tables (43 municipalities, the roadmap, the indicators) do not scale.

    `large_programs` and `capacity_factor` shape the region rather than size it, so scaled_size
    keeps them. Their defaults leave the demo region as it was.
    """

    organizations: int
    programs: int
    participants: int
    events: int
    participations: int
    enrollments: int
    innovation_sites: int
    # Region-wide programmes with 2,000–5,000 places each, so that a few programmes have
    # thousands of enrollments.
    large_programs: int = 0
    # Multiplier of every programme's capacity. At most 4, so that an ordinary programme (up to
    # 60 places) stays below the 300 places that make a programme region-wide.
    capacity_factor: int = 1

    def __post_init__(self) -> None:
        for field in fields(self):
            value = getattr(self, field.name)
            minimum = MINIMUM_COUNTS[field.name]
            if not isinstance(value, int) or value < minimum:
                raise ValueError(
                    f"invalid DemoSize.{field.name} = {value!r}: it must be an integer of at least "
                    f"{minimum}; use scaled_size() to build a small region"
                )
        if self.capacity_factor > MAXIMUM_CAPACITY_FACTOR:
            raise ValueError(
                f"invalid DemoSize.capacity_factor = {self.capacity_factor!r}: it must be at most "
                f"{MAXIMUM_CAPACITY_FACTOR}"
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
    "large_programs": 0,
    "capacity_factor": 1,
}
MAXIMUM_CAPACITY_FACTOR = 4

# Fields that describe the region's shape, not its size: scaled_size copies them unchanged.
SHAPE_FIELDS = frozenset({"large_programs", "capacity_factor"})

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
        if field.name in SHAPE_FIELDS:
            counts[field.name] = getattr(DEFAULT_SIZE, field.name)
            continue
        scaled = round(getattr(DEFAULT_SIZE, field.name) * factor)
        counts[field.name] = max(scaled, MINIMUM_COUNTS[field.name])
    return DemoSize(**counts)
