from django.apps import AppConfig


class IddConfig(AppConfig):
    name = "idd"
    verbose_name = "Initiative Design Documents"

    def ready(self) -> None:
        from django.contrib.auth import signals

        from idd import deploy_checks  # noqa: F401  (registers its deploy check)
        from idd.reference import cui  # noqa: F401  (registers its system check)
        from idd.services import lockout, password_rules, session_limit, sign_in_records

        signals.user_logged_in.connect(sign_in_records.signed_in)
        signals.user_logged_in.connect(session_limit.signed_in)
        signals.user_logged_in.connect(password_rules.signed_in)  # a password to change
        signals.user_logged_out.connect(sign_in_records.signed_out)
        signals.user_login_failed.connect(sign_in_records.password_failed)
        signals.user_login_failed.connect(lockout.password_failed)  # after the record
