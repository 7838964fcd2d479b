"""The project's set-up files agree with each other and with the README."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirements() -> dict[str, str]:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    extras = project["optional-dependencies"]
    listed = [*project["dependencies"], *extras["dev"]]
    found: dict[str, str] = {}
    for text in listed:
        requirement = Requirement(text)
        if requirement.name == project["name"]:  # dev includes another extra: infoview[hub]
            listed.extend(r for extra in requirement.extras for r in extras[extra])
        else:
            found[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return found


def _conda_packages() -> dict[str, str]:
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert environment["channels"] == ["conda-forge"]
    found: dict[str, str] = {}
    for entry in environment["dependencies"]:
        if isinstance(entry, dict):  # the pip section: packages conda-forge lacks
            entries = [e for e in entry["pip"] if not e.startswith("--editable")]
        else:
            entries = [entry]
        for text in entries:
            requirement = Requirement(text)
            found[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return found


def test_environment_yml_matches_pyproject() -> None:
    conda = _conda_packages()
    python = conda.pop("python")
    conda.pop("pip")
    assert conda == _requirements()
    assert python == _pyproject()["project"]["requires-python"]  # type: ignore[index]


def test_constraints_pin_every_requirement() -> None:
    pinned = {
        canonicalize_name(line.split("==")[0])
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line
    }
    assert set(_requirements()) <= pinned


def test_readme_commands_are_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up: two commands", 1)[1].split("```sh", 1)[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in setup.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ] == ["make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, re.MULTILINE)
    assert re.search(r"^test:", makefile, re.MULTILINE)
