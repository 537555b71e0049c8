from django.apps import AppConfig


class IddConfig(AppConfig):
    name = "idd"
    verbose_name = "Initiative Design Documents"
