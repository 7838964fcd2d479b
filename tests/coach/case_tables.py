"""The table-driven cases in ``tests/coach/cases/``, read and checked for shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

CASES = Path(__file__).parent / "cases"


def load_cases(name: str) -> list[dict[str, Any]]:
    """The cases in ``cases/<name>``, a YAML list of mappings."""
    cases = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    assert isinstance(cases, list)
    assert all(isinstance(case, dict) for case in cases)
    return cases


def reported(findings: Any, severity: str) -> set[str]:
    """The rule ids reported with ``severity``."""
    return {finding.rule for finding in findings if finding.severity == severity}


def flagged(findings: Any) -> set[str]:
    """The rule ids reported as a problem or a suggestion."""
    return reported(findings, "problem") | reported(findings, "suggestion")
