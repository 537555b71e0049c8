from django.apps import AppConfig


class IddConfig(AppConfig):
    name = "idd"
    verbose_name = "Initiative Design Documents"

    def ready(self) -> None:
        # Every sign-in, whichever page it came through, starts the idle clock.
        from django.contrib.auth.signals import user_logged_in

        from idd.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="idd.start_idle_clock")
