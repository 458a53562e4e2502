"""Text made safe for one destination each: HTML, log lines, links; compaction of generated HTML.

A leaf: it imports nothing else of Rolebook, so every stage can use it."""
