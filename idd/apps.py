from django.apps import AppConfig


class IddConfig(AppConfig):
    name = "idd"
    verbose_name = "Initiative Design Documents"

    def ready(self) -> None:
        from idd.reference import cui  # noqa: F401  (registers its system check)
