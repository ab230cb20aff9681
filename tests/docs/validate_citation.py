"""Validates Citation File Format files against the CFF 1.2.0 JSON schema.

Usage: validate_citation.py SCHEMA FILE...

Prints one line per file: "FILE: valid", or "FILE: invalid" followed by one line per
schema error ("  at PATH: MESSAGE"). Exit 0 when every file is valid, 1 when one is not,
2 on bad usage or an unreadable file, 3 when python3-jsonschema is missing.

The schema (cff-schema-1.2.0.json beside this script) is the Citation File Format
project's schema.json at its tag 1.2.0 (commit 396f738), unchanged; it is licensed
CC BY 4.0 by the Citation File Format authors. Debian packages no CFF validator
(cffconvert is not packaged), so this is the CFF project's own validation recipe
(examples/validator.py there: jsonschema with format checks) on Debian's PyYAML and
python3-jsonschema.
"""
import json
import sys

import yaml

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (scripts/install-deps.sh installs it)", file=sys.stderr)
    sys.exit(3)


class CffLoader(yaml.SafeLoader):
    """YAML 1.1 reads 2026-12-02 as a date; CFF is YAML 1.2, where it is a string, and
    the schema says so (its 'date' definition asks tools to cast dates to strings)."""


CffLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def main(argv):
    if len(argv) < 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        documents = []
        for path in argv[2:]:
            with open(path, encoding="utf-8") as f:
                documents.append((path, yaml.load(f, Loader=CffLoader)))
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(error, file=sys.stderr)
        return 2
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    all_valid = True
    for path, document in documents:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
        print(f"{path}: {'invalid' if errors else 'valid'}")
        for error in errors:
            where = "/".join(map(str, error.absolute_path)) or "(top)"
            print(f"  at {where}: {error.message}")
        all_valid = all_valid and not errors
    return 0 if all_valid else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
