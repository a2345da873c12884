#!/usr/bin/env python3
"""Validates every shipped scenario against `commsim list --schema`.

    tests/schema/validate_shipped.py PATH/TO/commsim SCENARIO_FOLDER [--expect-each-to-fail]

A plain scenario is validated as it is. A sweep file's base is validated,
and so is the base with each single value of its grid, grids and zip set
(so every value a sweep can put into a scenario is checked once). Needs
Debian's python3-jsonschema (/usr/bin/python3). Exit status 1 lists every
failure with the file, the JSON path and the schema's message. With
--expect-each-to-fail (for tests/schema/bad) every file must fail instead.
"""
import copy
import json
import pathlib
import subprocess
import sys

try:
    import jsonschema
except ImportError as error:  # pragma: no cover - depends on the machine
    sys.exit(f"validate_shipped.py: {error}; install Debian's python3-jsonschema")


def set_path(document, dotted, value):
    keys = dotted.split(".")
    node = document
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value


def unwrap(value):
    """A labelled sweep value {"label": ..., "value": ...} stands for its value."""
    if isinstance(value, dict) and set(value) == {"label", "value"}:
        return value["value"]
    return value


def instances(file):
    document = json.loads(file.read_text())
    if "base" not in document:
        yield file.name, document
        return
    base = document["base"]
    if isinstance(base, str):
        base = json.loads((file.parent / base).read_text())
    yield f"{file.name} (base)", base
    grids = document.get("grids", [document.get("grid", {})])
    for block in grids + [document.get("zip", {})]:
        for path, values in block.items():
            for value in values:
                scenario = copy.deepcopy(base)
                set_path(scenario, path, unwrap(value))
                yield f"{file.name} ({path} = {json.dumps(unwrap(value))[:60]})", scenario


def main():
    commsim, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    expect_failures = "--expect-each-to-fail" in sys.argv[3:]
    schema = json.loads(subprocess.run([commsim, "list", "--schema"], check=True,
                                       capture_output=True, text=True).stdout)
    validator = jsonschema.Draft202012Validator(schema)
    failures, checked, passed = [], 0, []
    for file in sorted(folder.rglob("*.json")):
        for name, scenario in instances(file):
            checked += 1
            errors = list(validator.iter_errors(scenario))
            if not errors:
                passed.append(name)
            for error in errors:
                where = "/".join(str(part) for part in error.absolute_path) or "(top)"
                failures.append(f"{name}: {where}: {error.message[:200]}")
    for failure in failures:
        print(failure)
    print(f"validate_shipped.py: {checked} scenarios checked, {len(failures)} failures")
    if expect_failures:
        for name in passed:
            print(f"validate_shipped.py: {name} passed the schema but should fail it")
        return 1 if passed or checked == 0 else 0
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
