"""Reference data of an IDD: the choice lists, the sections in document order, the roles,
the distribution statements and the CUI designation, the guided form's row caps, and
times as the screens say them. Plain values and small helpers that every layer reads."""
