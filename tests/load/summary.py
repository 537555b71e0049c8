"""Print the load test's figures from locust's CSV, and fail on any error.

python tests/load/summary.py var/loadtest/locust_stats.csv
"""

from __future__ import annotations

import csv
import sys

PAGE_P95_GOAL_MS = 500
# Not pages: the PDF (a render or a fetch from storage), the conflict counter, and sign-in
# (a password hash by design, about 0.4 s of CPU each), reported on their own rows.
NOT_PAGES = (
    "PDF download",
    "step save: conflict (expected)",
    "step save: form error (expected)",
    "sign in",
)


def main(path: str) -> int:
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    named = [r for r in rows if r["Name"] != "Aggregated"]
    print(f"{'request':<34}{'count':>7}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}{'req/s':>8}")
    for r in [*named, total]:
        print(
            f"{r['Name']:<34}{r['Request Count']:>7}{r['Failure Count']:>8}"
            f"{r['50%']:>8}{r['95%']:>8}{float(r['Requests/s']):>8.1f}"
        )
    pages = [r for r in named if r["Name"] not in NOT_PAGES] or named
    worst = max(pages, key=lambda r: int(r["95%"] or 0))
    errors = int(total["Failure Count"])
    print(
        f"\n{float(total['Requests/s']):.1f} requests/s, p50 {total['50%']} ms, "
        f"p95 {total['95%']} ms, {errors} errors; slowest page at p95 (sign-in and PDF aside): "
        f"{worst['Name']} "
        f"{worst['95%']} ms (goal {PAGE_P95_GOAL_MS} ms)"
    )
    if errors:
        print("FAILED: errors other than the expected edit conflicts (see locust_failures.csv)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
