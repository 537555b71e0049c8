"""Running the app behind its TLS proxy: a throwaway PKI and nginx in front of gunicorn."""
