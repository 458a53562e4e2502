"""`rolebook audit --write`: the suggested `time_share`s into the role file, keeping everything else.

`ruamel.yaml`'s round-trip mode keeps comments, key order, quoting and indentation; only the
`time_share` values of the activities named change (added after `category:` where missing). The
result is read back through Rolebook's own loader before the file is replaced, so `--write`
never leaves a role file the checker cannot read.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from rolebook.errors import InputError
from rolebook.loading.one_file import parse_role_bytes

# (mapping, sequence, offset) indentations the role files are written in: `rolebook new`'s and ruamel's default.
LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4))


def _layout_of(original: bytes, YAML, YAMLError):
    """A round-trip YAML set to the file's own indentation: the first whose unchanged dump is the file itself, else None."""
    for mapping, sequence, offset in LAYOUTS:
        yaml = YAML(typ="rt")  # round trip: ruamel's safe constructor, tags build no Python objects
        yaml.preserve_quotes = True
        yaml.width = 4096  # never re-wrap long lines
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        buffer = io.BytesIO()
        yaml.dump(yaml.load(original), buffer)
        if buffer.getvalue() == original:
            return yaml
    return None


def write_time_shares(path: Path, shares: dict[str, int]) -> list[str]:
    """Set each activity's `time_share` to `shares[id]`; the ids changed, in file order."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        original = path.read_bytes()
        yaml = _layout_of(original, YAML, YAMLError)
        data = yaml.load(original)
    except (OSError, YAMLError) as exc:
        raise InputError(f"{path}: cannot be updated in place ({str(exc).splitlines()[0]})") from None
    if yaml is None:
        raise InputError(f"{path}: its layout cannot be kept by a YAML round trip; nothing written "
                         "(set the suggested time_share values by hand)")
    changed = []
    for activity in (data or {}).get("activities") or []:
        key = activity.get("id") if hasattr(activity, "get") else None
        if key not in shares or activity.get("time_share") == shares[key]:
            continue
        if "time_share" in activity:
            activity["time_share"] = shares[key]
        else:
            keys = list(activity.keys())
            at = keys.index("category") + 1 if "category" in keys else len(keys)
            activity.insert(at, "time_share", shares[key])
        changed.append(key)
    if not changed:
        return []
    buffer = io.BytesIO()
    yaml.dump(data, buffer)
    updated = buffer.getvalue()
    if parse_role_bytes(path, updated).model is None:
        raise InputError(f"{path}: the updated file would not load; nothing written")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(updated)
    os.replace(temporary, path)
    return changed
