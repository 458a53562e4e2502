"""From a wheel to a published handbook: build the wheel and sdist, install the wheel into a fresh
virtual environment, `rolebook init`, check and build the result strictly.

The build runs without isolation (hatchling is a test dependency), so it needs
no network; installing the wheel's dependencies uses pip's configured index
and cache, as `pip install rolebook` would.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from support.handbooks import REPO

pytestmark = pytest.mark.site
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def sh(*args, cwd, timeout=600):
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=ENV, timeout=timeout)
    assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    sh(sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", out, REPO, cwd=out)
    return out


def test_one_version_number_everywhere(dist):
    from rolebook import __version__

    wheel, = dist.glob("*.whl")
    sdist, = dist.glob("*.tar.gz")
    assert wheel.name.startswith(f"rolebook-{__version__}-") and sdist.name == f"rolebook-{__version__}.tar.gz"
    with zipfile.ZipFile(wheel) as zf:
        metadata = zf.read(f"rolebook-{__version__}.dist-info/METADATA").decode()
        names = set(zf.namelist())
    assert f"\nVersion: {__version__}\n" in metadata
    for needed in ("rolebook/starter/mkdocs.yml", "rolebook/starter/dot-github/workflows/release.yml",
                   "rolebook/starter/handbooks/people/handbook-owner.yml", "rolebook/role.schema.json",
                   "rolebook/templates/role.md.j2", "rolebook/assets/rolebook.css", "rolebook/guide/proposing-changes.md"):
        assert needed in names, needed
    with tarfile.open(sdist) as tf:
        assert any(n.endswith("plugins/rolebook/starter/mkdocs.yml") for n in tf.getnames())
    result = subprocess.run([Path(sys.executable).with_name("rolebook"), "--version"], capture_output=True, text=True)
    assert result.stdout == f"rolebook, version {__version__}\n"


def test_the_wheel_in_a_fresh_venv_inits_a_handbook_that_builds_strictly(dist, tmp_path):
    wheel, = dist.glob("*.whl")
    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    bin_ = venv / "bin"
    sh(bin_ / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=tmp_path)
    where = sh(bin_ / "python", "-c", "import rolebook; print(rolebook.__file__)", cwd=tmp_path).stdout
    assert where.startswith(str(venv)), where  # the wheel, not this checkout
    from rolebook import __version__

    assert sh(bin_ / "rolebook", "--version", cwd=tmp_path).stdout == f"rolebook, version {__version__}\n"
    sh(bin_ / "rolebook", "init", "acme", cwd=tmp_path)
    acme = tmp_path / "acme"
    role = acme / "handbooks/people/handbook-owner.yml"
    role.write_text(role.read_text().replace("Alex Example", "Dana Lee"))  # the starter's made-up holder (RB115)
    sh(bin_ / "rolebook", "codeowners", "-o", ".github/CODEOWNERS", cwd=acme)  # the approvers follow (RB119)
    assert sh(bin_ / "rolebook", "check", "--strict", cwd=acme).stdout == "0 errors, 0 warnings, 0 info in 1 role\n"
    sh(bin_ / "mkdocs", "build", "--strict", cwd=acme)
    assert (acme / "site/people/handbook-owner/index.html").is_file()
    assert (acme / "site/role.schema.json").is_file()


def test_the_sdist_holds_what_a_build_needs_and_builds_the_same_wheel(dist, tmp_path):
    sdist, = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = [n.split("/", 1)[1] for n in tf.getnames() if "/" in n]
        tf.extractall(tmp_path, filter="data")
    tops = {n.split("/")[0] for n in names}
    assert tops == {"LICENSE", "README.md", "pyproject.toml", "PKG-INFO", ".gitignore", "plugins", "templates", "docs"}, tops
    assert {n for n in names if n.startswith("docs/")} >= {"docs/guide/proposing-changes.md"}
    assert not any(n.startswith("docs/") and not n.startswith("docs/guide/") for n in names)
    assert not any("__pycache__" in n for n in names)
    assert "MIT License" in (REPO / "LICENSE").read_text()
    unpacked, = tmp_path.glob("rolebook-*")
    out = tmp_path / "from-sdist"
    sh(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", out, unpacked, cwd=tmp_path)
    wheel, = dist.glob("*.whl")
    rebuilt, = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as a, zipfile.ZipFile(rebuilt) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        assert "rolebook-" in a.namelist()[-1] and any(n.endswith("licenses/LICENSE") for n in a.namelist())
