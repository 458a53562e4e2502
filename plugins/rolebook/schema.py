"""The JSON Schema of role and team files, generated from the model.

The committed copy (`role.schema.json` beside this module) is what editors
point at; a test fails when it no longer matches the model.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import Role, Team

SCHEMA_FILE = Path(__file__).with_name("role.schema.json")
TEAM_SCHEMA_FILE = Path(__file__).with_name("team.schema.json")


def role_schema() -> dict:
    schema = Role.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "role.schema.json"} | schema


def team_schema() -> dict:
    schema = Team.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "team.schema.json"} | schema


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=False) + "\n"
