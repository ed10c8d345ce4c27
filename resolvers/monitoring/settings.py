"""Monitoring parameters that deployments may change."""

from dataclasses import dataclass

DEFAULT_SUPPRESSION_THRESHOLD = 5
DEFAULT_COVERAGE_TARGET = 0.8


@dataclass(frozen=True)
class MonitoringSettings:
    # Cells describing fewer people than this are hidden from roles without personal-data access.
    suppression_threshold: int = DEFAULT_SUPPRESSION_THRESHOLD
    # The share of children aged 5-18 in additional education that coverage is measured against;
    # 80 % by 2030 is the national target.
    coverage_target: float = DEFAULT_COVERAGE_TARGET
    # Move every count shown to roles without personal-data access by a small, key-decided amount.
    perturbation: bool = True
