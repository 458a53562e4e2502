"""What `requirements.txt` says to reinstall the Rolebook that ran `rolebook init`.

`rolebook==X` is only right once Rolebook is on the package index the repository installs from.
Until then, the installed distribution's PEP 610 record (`direct_url.json` in its `.dist-info`,
written by pip for anything not installed from an index) says where it came from:

- a VCS URL with its commit: `rolebook @ git+URL@COMMIT` (the exact commit, not the branch; a local
  `file:///` repository in pip's own form, `git+file:///path@COMMIT#egg=rolebook`);
- a local wheel: `init` copies the wheel into the new repository (`wheels/`) and points at it, so
  CI and a colleague's clone install the same file;
- a wheel or archive at a URL: that URL;
- a local folder (an editable or source install): nothing another machine could reinstall, so the
  index version with a comment saying so;
- no record (an index install): `rolebook==X`.

Every line carries a comment on switching to the index (`rolebook==X`) once it is published there.
The record is read as data: a URL with whitespace or a comment sign in it is not copied into the
file (it could end the line early or add another requirement), and the index version is used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

DISTRIBUTION = "rolebook"
WHEEL_FOLDER = "wheels"
_SAFE_URL = re.compile(r"^[A-Za-z0-9+.\-]+://[^\s#;]+$")
_SAFE_PART = re.compile(r"^[A-Za-z0-9._/\-]+$")
_WHEEL_NAME = re.compile(r"^[A-Za-z0-9_.]+-[A-Za-z0-9_.!+]+(-[A-Za-z0-9_.]+){3}\.whl$")


@dataclass(frozen=True)
class InstallSource:
    """The requirement lines for `requirements.txt`, and the wheel `init` copies into the repository."""

    requirement: str  # the one line pip reads
    comment: str  # why this line, and how to switch to the index (may span lines; each starts with `#`)
    wheel: Path | None = None  # a local wheel to copy to `wheels/<name>` in the new repository

    def text(self) -> str:
        return f"{self.comment}\n{self.requirement}\n"


def index_comment(version: str) -> str:
    return (f"# Once Rolebook {version} is on your package index, replace the line below with:\n"
            f"#   rolebook=={version}")


def from_direct_url(record: dict | None, version: str) -> InstallSource:
    """The install source a PEP 610 record (`direct_url.json`, parsed; None: none) describes."""
    pinned = f"rolebook=={version}"
    if not isinstance(record, dict):
        return InstallSource(pinned, "# Installed from a package index: the same version everywhere.")
    url = record.get("url")
    if not isinstance(url, str) or not _SAFE_URL.match(url):
        return InstallSource(pinned, "# The install record names no usable URL: the index version.\n"
                                     "# Install Rolebook the same way on every machine until it is published.")
    subdirectory = record.get("subdirectory")
    fragment = ""
    if isinstance(subdirectory, str) and _SAFE_PART.match(subdirectory):
        fragment = f"#subdirectory={subdirectory}"
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict):
        commit = vcs.get("commit_id")
        kind = vcs.get("vcs")
        if isinstance(commit, str) and _SAFE_PART.match(commit) and isinstance(kind, str) and kind.isalpha():
            line = f"rolebook @ {kind}+{url}@{commit}{fragment}"
            if not urlparse(url).netloc:  # file:///path: PEP 508 wants a host, pip's own URL form does not
                line = f"{kind}+{url}@{commit}#egg=rolebook{fragment.replace('#', '&')}"
            return InstallSource(line,
                                 f"# Installed from {kind} at commit {commit[:12]}: that commit, everywhere.\n"
                                 + index_comment(version))
    archive = record.get("archive_info")
    if isinstance(archive, dict):
        parsed = urlparse(url)
        name = unquote(Path(parsed.path).name)
        if parsed.scheme == "file" and _WHEEL_NAME.match(name):
            wheel = Path(unquote(parsed.path))
            if wheel.is_file():
                return InstallSource(f"./{WHEEL_FOLDER}/{name}",
                                     "# The wheel Rolebook was installed from, copied here by `rolebook init`.\n"
                                     + index_comment(version), wheel=wheel)
            return InstallSource(pinned, f"# Installed from a wheel that is gone ({name}): the index version.\n"
                                         f"# Until Rolebook is published, put the wheel in {WHEEL_FOLDER}/ and "
                                         f"write ./{WHEEL_FOLDER}/{name} here.")
        if parsed.scheme in {"http", "https"}:
            return InstallSource(f"rolebook @ {url}", "# Installed from this archive: the same file everywhere.\n"
                                                      + index_comment(version))
    return InstallSource(pinned, "# Installed from a local folder, which no other machine has: the index version.\n"
                                 "# Until Rolebook is published, build a wheel (python -m build), put it in "
                                 f"{WHEEL_FOLDER}/ and write ./{WHEEL_FOLDER}/<its name> here.")


def installed_source(version: str, distribution: str = DISTRIBUTION) -> InstallSource:
    """Where the installed Rolebook came from (its PEP 610 record), as `requirements.txt` lines."""
    try:
        text = metadata.distribution(distribution).read_text("direct_url.json")
    except metadata.PackageNotFoundError:  # run from a source tree on PYTHONPATH: nothing installed
        text = None
    try:
        record = json.loads(text) if text else None
    except ValueError:
        record = {}
    return from_direct_url(record, version)
