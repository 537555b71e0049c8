"""Data in and out of the workbench: one initiative as a versioned JSON file
(docs/exchange-format.md), and the partner deliverables as a CSV for staffing spreadsheets."""
