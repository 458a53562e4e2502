"""What the incremental builder keeps between rebuilds gives what computing afresh gives.

`Mentions` keeps what each role's file names, so a rebuild reads the
mentions of changed roles only; the pages a save affects must not depend on it.
"""

from __future__ import annotations

import shutil

from rolebook.build.incremental import Mentions, affected_pages
from rolebook.loading.loader import load_handbook
from support.sites import REPO


def test_kept_mentions_give_the_same_affected_pages_after_every_save(tmp_path):
    hb = tmp_path / "handbooks"
    shutil.copytree(REPO / "handbooks", hb)
    known, memo = Mentions(), {}
    old = load_handbook(hb)
    head, analyst = hb / "product/head-of-product.yml", hb / "product/data-analyst.yml"
    assert "reports_to: head-of-product" in analyst.read_text()
    saves = [
        lambda: head.write_text(head.read_text().replace("title: 2027 product roadmap published",
                                                         "title: 2027 roadmap published and shared", 1)),
        lambda: head.write_text(head.read_text() + "\n"),  # new bytes, the same model
        lambda: analyst.write_text(analyst.read_text().replace("reports_to: head-of-product",
                                                               "reports_to: engineering/cto", 1)),
        lambda: shutil.copy(hb / "product/data-analyst.yml", hb / "product/second-analyst.yml"),
        lambda: (hb / "product/data-analyst.yml").unlink(),
        lambda: shutil.move(hb / "product/second-analyst.yml", hb / "engineering/second-analyst.yml"),
    ]
    for save in saves:
        save()
        new = load_handbook(hb)
        assert affected_pages(old, new, memo, known) == affected_pages(old, new), save
        old = new
