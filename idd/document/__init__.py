"""The document: the IDD as plain data (`snapshot` builds it in the declared `shape`), what
it still lacks (`completeness`), what changed between revisions (`diff`), which copy an
initiative shows (`shown`), its commitment figures (`commitment`), its indicators as
measured after approval (`indicators`) and its audit trail (`audit`)."""
