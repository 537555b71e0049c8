from django.apps import AppConfig


class IddConfig(AppConfig):
    name = "idd"
    verbose_name = "Initiative Design Documents"

    def ready(self) -> None:
        from django.contrib.auth import signals
        from django.contrib.auth.models import User
        from django.db.models.signals import m2m_changed, post_save, pre_save

        from idd import deploy_checks  # noqa: F401  (registers its deploy check)
        from idd.reference import cui  # noqa: F401  (registers its system check)
        from idd.services import (
            audit_receivers,
            inactive_accounts,
            lockout,
            password_rules,
            reauthentication,
            session_clock,
            session_limit,
            sign_in_records,
        )

        signals.user_logged_in.connect(sign_in_records.signed_in)
        signals.user_logged_in.connect(session_limit.signed_in)
        signals.user_logged_in.connect(session_clock.started)
        signals.user_logged_in.connect(password_rules.signed_in)  # a password to change
        signals.user_logged_out.connect(sign_in_records.signed_out)
        signals.user_login_failed.connect(sign_in_records.password_failed)
        signals.user_login_failed.connect(lockout.password_failed)  # after the record
        m2m_changed.connect(reauthentication.roles_changed, sender=User.groups.through)
        pre_save.connect(reauthentication.rights_before_save, sender=User)
        post_save.connect(reauthentication.rights_after_save, sender=User)
        post_save.connect(inactive_accounts.enabled_by_hand, sender=User)
        audit_receivers.connect()  # accounts' changes and the admin's actions (ADR 0017)
