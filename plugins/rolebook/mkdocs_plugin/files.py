"""Hand MkDocs the files a build session made: pages, assets, `roles.json`, the schemas.

The session (`build.session`) says which files there are, where each is read from and which YAML
file a page comes from; this module makes them MkDocs `File`s: generated pages stay out of
MkDocs' automatic navigation (`navigation` places them), carry their edit path, and in a
static-i18n language build land under that language's folder. A generated file whose name is
one of the site's own files (a page, `docs/roles.json`, `docs/role.schema.json`) stops the build,
naming both: neither silently replaces the other.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from rolebook.build.session import ASSET, PAGE, PublishedFile


class GeneratedFile(File):
    """A generated page backed by its file under the cache folder.

    `force` makes a `--dirty` build rebuild it although its source did not
    change: set when the navigation it shows changed.
    """

    force = False

    def is_modified(self) -> bool:
        return self.force or super().is_modified()


def generated_file(cls, src_uri: str, src_dir: Path, config, lane: str = "",
                   inclusion=InclusionLevel.UNDEFINED) -> File:
    """A file read from `src_dir`; in a static-i18n language build (`lane`), built under that language's folder."""
    file = cls(src_uri, str(src_dir), config.site_dir, config.use_directory_urls, inclusion=inclusion)
    if lane:
        file = cls(src_uri, str(src_dir), config.site_dir, config.use_directory_urls,
                   dest_uri=f"{lane}/{file.dest_uri}", inclusion=inclusion)
    file.generated_by = "rolebook"
    return file


def add_files(files: Files, site_files: list[PublishedFile], config, *, lane: str = "", dirty: bool = False) -> Files:
    """Append the session's files to MkDocs' `files`; under `dirty`, changed pages are marked to be built."""
    for item in site_files:
        existing = files.get_file_from_path(item.src_uri)
        if existing is not None:
            what = {PAGE: "the handbook page", ASSET: "Rolebook's asset"}.get(item.kind, "Rolebook's published file")
            fix = "rename the team or move the page" if item.kind == PAGE else "rename or remove the site's file"
            raise PluginError(f"rolebook: {what} {item.src_uri} collides with {existing.src_uri} in "
                              f"{config.docs_dir}: {fix}")
        if item.kind == PAGE:
            file = generated_file(GeneratedFile, item.src_uri, item.src_dir, config, lane, InclusionLevel.NOT_IN_NAV)
            file.force = dirty and item.changed
            if item.edit_path is not None:
                file.edit_uri = item.edit_path
            files.append(file)
        elif item.kind == ASSET:
            files.append(File.generated(config, item.src_uri, abs_src_path=str(item.abs_src_path)))
        else:
            files.append(generated_file(File, item.src_uri, item.src_dir, config, lane))
    return files

