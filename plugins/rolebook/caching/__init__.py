"""Local state that must never become content: the key that seals cache entries, cache folders
opened without following symlinks, and the lock that keeps two builds out of one folder.

A leaf below every stage: the diagram cache, the warm-build manifest and the MkDocs plugin's HTML
cache all go through it.
"""
