"""Files to model: every problem a finding, nothing raised for bad content.

Safe reading (`files`), listing a handbooks folder (`listing`), YAML with positions
(`yaml_events`), one file (`one_file`), the whole folder (`loader`), the parse memo and the
process pool for large one-off checks."""
