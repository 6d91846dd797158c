#!/usr/bin/python3
"""Checks schemas/policy.schema.json, the JSON Schema editors use for policy files.

1. It is a valid schema in draft 7 and in draft 4 (Taplo, behind Even Better TOML, reads draft 4).
2. Its lists (permission types, predefined permissions, actions, built-in roles) are those of
   schemas/*.json, and its rule ids and names those of `rolec rules --json`.
3. Every example policy file is valid.
4. Every file of tests/schema/invalid/ is invalid, where its `# expect-schema: POINTER` comments say.
5. It agrees with `rolec lint` on every policy file of the test corpora: a file the schema rejects
   has lint errors, and a file with a structural lint error (unknown key, wrong type, missing
   key, invalid name or title, unknown permission type) is rejected by the schema.

Usage: check_schema.py ROLEC SOURCE_DIR
"""

import datetime
import json
import pathlib
import re
import subprocess
import sys
import tomllib

import jsonschema

STRUCTURAL = {"RC302", "RC303", "RC304", "RC305", "RC306", "RC312"}


def as_json(value):
    """TOML values as the JSON an editor validates: dates and times become RFC 3339 strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    return value


def load_toml(path):
    """The file as JSON, or None when it is not TOML that Python's reader takes."""
    try:
        with open(path, "rb") as f:
            return as_json(tomllib.load(f))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, ValueError, RecursionError):
        return None


def errors_of(validators, document):
    """Every schema error, as (JSON pointer, message), from every validator."""
    found = set()
    for validator in validators:
        for error in validator.iter_errors(document):
            found.add(("/" + "/".join(str(p) for p in error.absolute_path), error.message))
    return sorted(found)


class Checker:
    def __init__(self, rolec, source):
        self.rolec = rolec
        self.source = pathlib.Path(source)
        self.schema = json.loads((self.source / "schemas/policy.schema.json").read_text())
        self.failures = []
        self.counts = {}

    def fail(self, message):
        self.failures.append(message)

    def count(self, what):
        self.counts[what] = self.counts.get(what, 0) + 1

    def check_dialects(self):
        for validator in (jsonschema.Draft7Validator, jsonschema.Draft4Validator):
            try:
                validator.check_schema(self.schema)
            except jsonschema.SchemaError as e:
                self.fail(f"not a valid {validator.__name__} schema: {e.message}")
        self.validators = [jsonschema.Draft7Validator(self.schema), jsonschema.Draft4Validator(self.schema)]

    def check_lists(self):
        catalog = json.loads((self.source / "schemas/permission-types.json").read_text())["types"]
        predefined = json.loads((self.source / "schemas/predefined-permissions.json").read_text())["permissions"]
        builtin = json.loads((self.source / "schemas/builtin-roles.json").read_text())["roles"]
        rules = json.loads(subprocess.run([self.rolec, "rules", "--json"], capture_output=True, check=True).stdout)["rules"]
        d = self.schema["definitions"]
        expected = {
            "permission types": [t["type"] for t in catalog],
            "predefined permissions": [p["name"] for p in predefined],
            # `mode` is the action of mode permissions, which grants give as `mode = ...` instead.
            "grant actions": sorted({a for t in catalog for a in t["actions"]} - {"mode"}),
            "built-in roles": [r["name"] for r in builtin if r["scope"] == "project"],
            "rules": [r["id"] for r in rules] + [r["name"] for r in rules],
        }
        actual = {
            "permission types": d["permission"]["properties"]["type"]["enum"],
            "predefined permissions": d["grant"]["properties"]["permission"]["anyOf"][0]["enum"],
            "grant actions": d["grant"]["properties"]["actions"]["items"]["enum"],
            "built-in roles": d["role_name"]["anyOf"][0]["enum"],
            "rules": list(self.schema["properties"]["lint"]["properties"]["rules"]["properties"]),
        }
        for what, names in expected.items():
            if actual[what] != names:
                missing = sorted(set(names) - set(actual[what]))
                extra = sorted(set(actual[what]) - set(names))
                self.fail(f"schema lists {what} apart from schemas/*.json: missing {missing}, extra {extra}")

    def check_examples(self):
        for path in sorted((self.source / "examples").rglob("*.toml")):
            self.count("example files")
            document = load_toml(path)
            if document is None:
                self.fail(f"{path}: not TOML")
                continue
            for pointer, message in errors_of(self.validators, document):
                self.fail(f"{path}: example rejected at {pointer}: {message}")

    def check_invalid(self):
        folder = self.source / "tests/schema/invalid"
        for path in sorted(folder.glob("*.toml")):
            self.count("invalid files")
            expected = set(re.findall(r"#\s*expect-schema:\s*(\S+)", path.read_text()))
            if not expected:
                self.fail(f"{path}: no `# expect-schema: POINTER` comment")
            document = load_toml(path)
            if document is None:
                self.fail(f"{path}: not TOML; a schema case must parse")
                continue
            found = {pointer for pointer, _ in errors_of(self.validators, document)}
            for pointer in sorted(expected - found):
                self.fail(f"{path}: expected a schema error at {pointer}; found {sorted(found) or 'none'}")
            for pointer in sorted(found - expected):
                self.fail(f"{path}: unexpected schema error at {pointer}")

    def lint(self, target):
        """The rules of the findings `rolec lint` reports per file, and whether any is an error."""
        run = subprocess.run([self.rolec, "lint", "--format", "json", str(target)], capture_output=True, timeout=60)
        if run.returncode == 3:
            return None
        report = json.loads(run.stdout)
        by_file = {}
        errors = set()
        for d in report["diagnostics"]:
            file = str(pathlib.Path(d["file"]).resolve())
            by_file.setdefault(file, set()).add(d["rule"])
            if d["severity"] == "error":
                errors.add(file)
        return by_file, errors

    def check_agreement(self):
        roots = [self.source / "tests/lint/cases", self.source / "tests/bad-inputs/policy", self.source / "tests/schema/invalid"]
        targets = []
        for root in roots:
            for entry in sorted(root.iterdir()):
                if entry.is_dir() or entry.suffix == ".toml":
                    targets.append(entry)
        for target in targets:
            files = sorted(target.rglob("*.toml")) if target.is_dir() else [target]
            linted = self.lint(target)
            if linted is None:
                self.count("agreement: lint could not run (exit 3)")
                continue
            by_file, errors = linted
            for path in files:
                document = load_toml(path)
                if document is None:
                    self.count("agreement: not TOML (RC301)")
                    continue
                self.count("agreement: files compared")
                key = str(path.resolve())
                rules = by_file.get(key, set())
                rejected = errors_of(self.validators, document)
                if rejected and key not in errors:
                    self.fail(f"{path}: the schema rejects it ({rejected[0][0]}: {rejected[0][1]}), rolec lint reports no error")
                structural = sorted(rules & STRUCTURAL)
                if structural and not rejected:
                    self.fail(f"{path}: rolec lint reports {', '.join(structural)}, the schema accepts it")
                if rejected:
                    self.count("agreement: rejected by both")

    def run(self):
        self.check_dialects()
        self.check_lists()
        self.check_examples()
        self.check_invalid()
        self.check_agreement()
        for what, n in sorted(self.counts.items()):
            print(f"{what}: {n}")
        for message in self.failures:
            print(f"FAIL: {message}")
        print(f"{len(self.failures)} failure(s)")
        return 1 if self.failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(Checker(sys.argv[1], sys.argv[2]).run())
