"""`requirements.txt` from the PEP 610 record: each kind of install gives a line pip reinstalls it from."""

from __future__ import annotations

import pytest

from rolebook.authoring.install_source import WHEEL_FOLDER, from_direct_url, installed_source
from rolebook.authoring.new_repository import init_repository

VERSION = "0.1.0"
INDEX_HINT = f"#   rolebook=={VERSION}"


def test_an_index_install_pins_the_version():
    source = from_direct_url(None, VERSION)
    assert source.requirement == "rolebook==0.1.0" and source.wheel is None


def test_a_git_install_pins_its_commit_and_says_how_to_switch_to_the_index():
    record = {"url": "https://git.example.org/acme/rolebook.git",
              "vcs_info": {"vcs": "git", "commit_id": "0123456789abcdef0123456789abcdef01234567",
                           "requested_revision": "main"}}
    source = from_direct_url(record, VERSION)
    assert source.requirement == ("rolebook @ git+https://git.example.org/acme/rolebook.git"
                                  "@0123456789abcdef0123456789abcdef01234567")
    assert INDEX_HINT in source.comment
    sub = from_direct_url(dict(record, subdirectory="python/rolebook"), VERSION)
    assert sub.requirement.endswith("@0123456789abcdef0123456789abcdef01234567#subdirectory=python/rolebook")


def test_a_local_git_repository_is_written_in_pips_own_url_form():
    record = {"url": "file:///srv/git/rolebook", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}
    assert from_direct_url(record, VERSION).requirement == "git+file:///srv/git/rolebook@abc123#egg=rolebook"
    sub = from_direct_url(dict(record, subdirectory="py"), VERSION)
    assert sub.requirement == "git+file:///srv/git/rolebook@abc123#egg=rolebook&subdirectory=py"


def test_a_local_wheel_is_copied_into_the_repository(tmp_path):
    wheel = tmp_path / "dist" / "rolebook-0.1.0-py3-none-any.whl"
    wheel.parent.mkdir()
    wheel.write_bytes(b"PK\x03\x04 not really a wheel")
    source = from_direct_url({"url": wheel.as_uri(), "archive_info": {}}, VERSION)
    assert source.requirement == f"./{WHEEL_FOLDER}/rolebook-0.1.0-py3-none-any.whl" and source.wheel == wheel
    written = init_repository(tmp_path / "acme", source=source)
    copy = tmp_path / "acme" / WHEEL_FOLDER / wheel.name
    assert copy in written and copy.read_bytes() == wheel.read_bytes()
    requirements = (tmp_path / "acme/requirements.txt").read_text()
    assert requirements.splitlines()[-1] == "./wheels/rolebook-0.1.0-py3-none-any.whl"
    assert INDEX_HINT in requirements


def test_a_wheel_that_is_gone_falls_back_to_the_index_version_and_says_what_to_do(tmp_path):
    gone = tmp_path / "rolebook-0.1.0-py3-none-any.whl"
    source = from_direct_url({"url": gone.as_uri(), "archive_info": {}}, VERSION)
    assert source.requirement == "rolebook==0.1.0" and source.wheel is None
    assert "wheels/" in source.comment


def test_a_remote_archive_is_named_as_is():
    url = "https://files.example.org/rolebook-0.1.0-py3-none-any.whl"
    assert from_direct_url({"url": url, "archive_info": {}}, VERSION).requirement == f"rolebook @ {url}"


def test_a_local_folder_cannot_be_reinstalled_elsewhere_so_the_comment_says_so():
    source = from_direct_url({"url": "file:///home/me/rolebook", "dir_info": {"editable": True}}, VERSION)
    assert source.requirement == "rolebook==0.1.0"
    assert "local folder" in source.comment and "python -m build" in source.comment


@pytest.mark.parametrize("url", ["https://x.org/a b.whl", "https://x.org/a.whl\nevil==1", "https://x.org/a#egg",
                                 "https://x.org/a;python_version<'4'", 42])
def test_a_record_cannot_add_lines_or_markers_to_the_file(url):
    for extra in ({"archive_info": {}}, {"vcs_info": {"vcs": "git", "commit_id": "abc"}}):
        source = from_direct_url({"url": url, **extra}, VERSION)
        assert source.requirement == "rolebook==0.1.0"
        assert "\n" not in source.requirement and all(line.startswith("#") for line in source.comment.splitlines())
    bad_commit = from_direct_url({"url": "https://x.org/r.git", "vcs_info": {"vcs": "git", "commit_id": "a\nb"}},
                                 VERSION)
    assert bad_commit.requirement == "rolebook==0.1.0"


def test_the_running_rolebook_has_a_source():
    source = installed_source(VERSION)
    assert source.requirement and source.comment.startswith("#")
