"""A cache a checkout carries changes nothing the build publishes or reports (issue 25, item 1).

Each attack is what a pull request can commit: the attacker builds the very checkout on their own
machine (their own key: another XDG_STATE_HOME), edits the cache as they like and seals it again
with their key, and CI (the victim's key) builds the result. Every build must be byte-identical to
a clean build of the same checkout, with the same findings and the same exit code. One control
(`test_the_comparison_sees_a_forgery_sealed_with_the_builders_key`) shows the comparison would see
a forgery if the seal were not checked.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from rolebook.caching import seal as seal_module
from rolebook.diagrams import cache as diagram_cache
from support.sites import build, project

pytestmark = pytest.mark.site

BROKEN = "title: [unclosed\n"  # a role that cannot be read: RB001/RB002, the build fails


def state(tmp_path: Path, who: str) -> dict:
    return {"XDG_STATE_HOME": str(tmp_path / f"state-{who}")}


def snapshot(config: Path, env: dict) -> tuple[int, list[str], dict[str, bytes]]:
    """(exit code, finding lines, every file of the site) of one non-strict build."""
    result, site = build(config, strict=False, env=env)
    findings = sorted(line.split("-  ", 1)[-1] for line in result.stderr.splitlines()
                      if re.search(r"\bRB\d{3}\b|could not be read", line))
    assert not any(line.lstrip().startswith("::") for line in result.stderr.splitlines()), result.stderr
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    return result.returncode, findings, files


def clean(config: Path, env: dict):
    shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    reference = snapshot(config, env)
    shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    return reference


def attacker_key(tmp_path: Path, monkeypatch) -> None:
    """Seal in this process with the attacker's key, as their machine would."""
    key = seal_module._stored_key(Path(state(tmp_path, "attacker")["XDG_STATE_HOME"]) / "rolebook")
    monkeypatch.setattr(seal_module, "_key", lambda: key)


def cache(config: Path) -> Path:
    return config.parent / ".cache" / "rolebook"


def read_manifest(root: Path) -> dict:
    return json.loads((root / "build.json").read_bytes().partition(b"\n")[2])


def write_manifest(root: Path, manifest: dict) -> None:
    from rolebook.build import warm_cache

    body = json.dumps(manifest, sort_keys=True).encode()
    (root / "build.json").write_bytes(seal_module.seal(warm_cache._scope(root), body).encode() + b"\n" + body)


def forge_page(root: Path, rel: str, change) -> None:
    manifest = read_manifest(root)
    path = root / "pages" / rel
    path.write_text(change(path.read_text()))
    from rolebook.build.warm_cache import file_digest

    manifest["files"][rel] = file_digest(path.read_bytes())
    write_manifest(root, manifest)


# -- the attacks: each edits the attacker's cache (sealed with the attacker's key) -------------------


SCRIPT = '<script>alert("cache")</script>'


def html_cache(root: Path) -> None:
    for entry in sorted((root / "html").rglob("*.json")):
        scope = f"html\0{root / 'html'}\0{entry.stem}"
        data = json.loads(entry.read_bytes().partition(b"\n")[2])
        data["content"] = SCRIPT + data["content"] + "<p>FORGED</p>"
        body = json.dumps(data).encode()
        entry.write_bytes(seal_module.seal(scope, body).encode() + b"\n" + body)


def manifest_pages(root: Path) -> None:
    forge_page(root, "engineering/cto/index.md", lambda text: text + f"\n\n{SCRIPT}\n\nFORGED\n")


def manifest_diagram(root: Path) -> None:
    forge_page(root, "engineering/cto/diagram.html", lambda text: text.replace("<svg", SCRIPT + "<svg", 1))


def manifest_notes(root: Path) -> None:
    manifest = read_manifest(root)
    manifest["notes"] = ["::error file=handbooks/x.yml::forged", "::add-mask::secret", "ok\n::warning::x"]
    write_manifest(root, manifest)


def manifest_nav(root: Path) -> None:
    manifest = read_manifest(root)
    manifest["nav"] = [[title.upper() + " FORGED", list(reversed(items))] for title, items in manifest["nav"]]
    write_manifest(root, manifest)


def forged_svg(root: Path) -> None:
    (root / "build.json").unlink()  # no manifest: the diagrams come from the disk cache
    for path in sorted(root.glob("??/*.svg")):
        svg, _ = diagram_cache.split_entry(path.read_text())
        svg = svg.replace("Chief Technology Officer", "Chief Forgery Officer")
        forged = svg.encode() + f"{diagram_cache.SEAL_START}{seal_module.seal(f'svg{chr(0)}{root}{chr(0)}{path.stem}', svg.encode())}{diagram_cache.SEAL_END}".encode()
        path.write_bytes(forged)


ATTACKS = {"html cache": html_cache, "manifest pages": manifest_pages, "manifest diagram": manifest_diagram,
           "manifest notes": manifest_notes, "manifest nav": manifest_nav, "forged svg": forged_svg}


@pytest.mark.parametrize("attack", list(ATTACKS))
def test_a_committed_cache_changes_nothing(attack, tmp_path, monkeypatch):
    config = project(tmp_path / "checkout")
    reference = clean(config, state(tmp_path, "ci"))
    assert reference[0] == 0
    snapshot(config, state(tmp_path, "attacker"))  # the attacker's own build of the very checkout
    attacker_key(tmp_path, monkeypatch)
    ATTACKS[attack](cache(config))
    attacked = snapshot(config, state(tmp_path, "ci"))
    assert attacked == reference
    assert not any(b"FORGED" in data or b"Forgery" in data or SCRIPT.encode() in data for data in attacked[2].values())


def test_manifest_findings_and_unreadable_files_are_never_taken_from_a_cache(tmp_path, monkeypatch):
    """`findings: []` and `unreadable: []` with the broken role dropped from the pages and nav."""
    config = project(tmp_path / "checkout")
    (config.parent / "handbooks/engineering/broken.yml").write_text(BROKEN)
    reference = clean(config, state(tmp_path, "ci"))
    assert reference[0] == 1 and reference[1]  # a role that cannot be read fails the build
    snapshot(config, state(tmp_path, "attacker"))
    attacker_key(tmp_path, monkeypatch)
    root = cache(config)
    manifest = read_manifest(root)
    assert manifest["findings"] or manifest["unreadable"]
    manifest.update(findings=[], unreadable=[])
    write_manifest(root, manifest)
    attacked = snapshot(config, state(tmp_path, "ci"))
    assert attacked[:2] == reference[:2]


def test_a_cache_from_another_checkout_is_not_used(tmp_path):
    """Same user, same key, another path: its entries were sealed for that folder, not this one."""
    env = state(tmp_path, "ci")
    other = project(tmp_path / "other")
    snapshot(other, env)
    html_cache(cache(other))  # forged there, sealed with the very key of this build (it is the same user)
    manifest_nav(cache(other))
    config = project(tmp_path / "checkout")
    reference = clean(config, env)
    shutil.copytree(other.parent / ".cache", config.parent / ".cache")
    assert snapshot(config, env) == reference


@pytest.mark.parametrize("link", [".cache", ".cache/rolebook", ".cache/rolebook/pages"])
def test_a_symlinked_cache_folder_is_never_written_through(link, tmp_path):
    config = project(tmp_path / "checkout")
    env = state(tmp_path, "ci")
    reference = clean(config, env)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("keep me")
    where = config.parent / link
    where.parent.mkdir(parents=True, exist_ok=True)
    where.symlink_to(outside)
    assert snapshot(config, env) == reference
    assert sorted(p.name for p in outside.iterdir()) == ["precious.txt"]
    assert (outside / "precious.txt").read_text() == "keep me"


@pytest.mark.parametrize("kind", ["file as cache folder", "file as pages folder", "bad html cache link"])
def test_odd_things_in_the_cache_folder_cost_speed_not_the_build(kind, tmp_path):
    """The low items: a file where `.cache/rolebook` or `pages` should be, a dangling link in the HTML cache."""
    config = project(tmp_path / "checkout")
    env = state(tmp_path, "ci")
    reference = clean(config, env)
    root = cache(config)
    if kind == "file as cache folder":
        root.parent.mkdir(parents=True)
        root.write_text("not a folder")
    elif kind == "file as pages folder":
        root.mkdir(parents=True)
        (root / "pages").write_text("not a folder")
    else:
        snapshot(config, env)
        entry = sorted((root / "html").rglob("*.json"))[0]
        entry.unlink()
        entry.symlink_to(tmp_path / "nowhere.json")
    assert snapshot(config, env) == reference


def test_the_comparison_sees_a_forgery_sealed_with_the_builders_key(tmp_path):
    """The control: a manifest forged with CI's own key (which no pull request has) is taken."""
    config = project(tmp_path / "checkout")
    env = state(tmp_path, "ci")
    reference = clean(config, env)
    snapshot(config, env)
    key = seal_module._stored_key(Path(env["XDG_STATE_HOME"]) / "rolebook")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(seal_module, "_key", lambda: key)
        manifest_nav(cache(config))
    assert snapshot(config, env) != reference


@pytest.mark.parametrize("attack", ["html cache", "manifest diagram"])
def test_even_a_fragment_sealed_with_the_builders_key_passes_the_validator(attack, tmp_path):
    """Sealed is not enough: cached HTML and diagram fragments holding active markup are made again."""
    config = project(tmp_path / "checkout")
    env = state(tmp_path, "ci")
    reference = clean(config, env)
    snapshot(config, env)
    key = seal_module._stored_key(Path(env["XDG_STATE_HOME"]) / "rolebook")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(seal_module, "_key", lambda: key)
        ATTACKS[attack](cache(config))
    assert snapshot(config, env) == reference
