"""Domain operations as plain functions, one module per area. Views only call these."""
