"""Signing in: certificates read from the proxy, the two backends, password rules, and the
limit on sessions per account."""
