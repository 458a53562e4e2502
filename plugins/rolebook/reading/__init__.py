"""The one way Rolebook reads a handbooks folder from disk.

Everything under the handbooks folder comes from a pull request, so check,
export, build and diff all go through this subpackage: `files` opens one file
(stat first, no symlink followed out of the folder, regular files only, at
most MAX_BYTES + 1 bytes read), `tree` lists the folder and says which files
are team files and role files and which entries are refused or ignored, each
with a finding.
"""

from .files import MAX_BYTES, Refused, display_name, read_file
from .tree import Listing, TeamListing, list_handbooks

__all__ = ["MAX_BYTES", "Refused", "display_name", "read_file", "Listing", "TeamListing", "list_handbooks"]
