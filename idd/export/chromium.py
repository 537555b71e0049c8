"""Debian's Chromium and the flags it needs on these machines.

Used by the export benchmark (Chromium's print of the same HTML is the yardstick) and by
the browser tests. Without the background-networking flags, Chromium keeps trying to
reach Google's hosts, which a closed network refuses.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
