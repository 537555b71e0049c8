from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and benchmarks (`seed_demo`, `bench_export`, `bench_pages`): kept out of
    the domain app `idd`, which never imports this one. No models."""

    name = "demo"
