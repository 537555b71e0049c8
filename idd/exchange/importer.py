"""Importing an exchange file: everything is checked and written in one transaction, and
on any problem nothing is kept; every problem is reported with its path in the file.

Rows get new ids. People are matched by username; someone without an account here
becomes the importing user (when one is given). The partner is matched by its country
and created if missing, as are its targeted units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, models, transaction

from idd.exchange import links
from idd.exchange.codec import BadValue, decode
from idd.exchange.problems import Problems
from idd.exchange.reading import read
from idd.exchange.spec import INITIATIVE, PARTNER, UNITS, Kind, is_auto_time, is_optional, is_user
from idd.models import Initiative, Partner, PartnerUnit
from idd.models.organization import Organization, organization_of
from idd.reference.choices import InitiativeStatus

IMPORT_REASON = "Imported from an exchange file"


@dataclass
class Imported:
    initiative: Initiative
    notes: list[str] = field(default_factory=list)  # what was mapped or created, for the output


def import_initiative(content: bytes, importer: AbstractBaseUser | None = None) -> Imported:
    """Import the file's initiative; raises ImportRefused (nothing written) on any problem."""
    data = read(content)
    build = Builder(importer)
    with transaction.atomic():
        initiative = build.initiative(data["initiative"], "initiative")
        if build.problems or initiative is None:
            raise build.problems.refuse()
    return Imported(initiative, build.notes)


class Builder:
    def __init__(self, importer: AbstractBaseUser | None) -> None:
        self.importer = importer
        self.problems = Problems()
        self.notes: list[str] = []
        self._people: dict[str, AbstractBaseUser | None] = {}
        # The rows stored so far under each key (None where one had a problem), in file
        # order, so later rows can link to earlier ones by position.
        self.made: dict[str, list[models.Model | None]] = {}

    def command(self) -> Organization | None:
        """The importer's command, which keeps a partner the import creates."""
        own = organization_of(cast(Any, self.importer)) if self.importer else None
        return own.command() if own is not None else None

    # --- People ----------------------------------------------------------------------

    def person(self, username: str, path: str) -> AbstractBaseUser | None:
        if username not in self._people:
            User = get_user_model()
            found = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
            if found is None and self.importer is not None:
                self.notes.append(
                    f"No user here is called “{username}”: {self.importer.get_username()} "
                    "stands in for them."
                )
            self._people[username] = found or self.importer
        if self._people[username] is None:
            self.problems.add(
                path,
                f"no user here is called “{username}” (import with --owner USERNAME to have "
                "that user stand in for people who have no account here)",
            )
        return self._people[username]

    # --- One row ---------------------------------------------------------------------

    def values(self, kind: Kind, data: Any, path: str) -> tuple[dict[str, Any], set[str]] | None:
        """The row's field values from the file, and the fields that had a problem."""
        if not isinstance(data, dict):
            self.problems.add(path, "must be an object")
            return None
        for key in sorted(set(data) - set(kind.keys())):
            self.problems.add(f"{path}.{key}", "unknown key")
        values: dict[str, Any] = {}
        bad: set[str] = set()
        for f in kind.fields:
            if f.name not in data:
                if not is_optional(f):
                    self.problems.add(f"{path}.{f.name}", "required")
                    bad.add(f.name)
                continue
            try:
                value = decode(f, data[f.name])
            except BadValue as problem:
                self.problems.add(f"{path}.{f.name}", str(problem))
                bad.add(f.name)
                continue
            if is_user(f) and value is not None:
                value = self.person(value, f"{path}.{f.name}")
                if value is None:
                    bad.add(f.name)
                    continue
            values[f.name] = value
        return values, bad

    def clean(self, row: models.Model, path: str, exclude: set[str]) -> bool:
        try:
            row.full_clean(exclude=exclude)
        except ValidationError as invalid:
            for name, messages in invalid.message_dict.items():
                where = path if name == NON_FIELD_ERRORS else f"{path}.{name}"
                for message in messages:
                    self.problems.add(where, message)
            return False
        return True

    def save(self, row: models.Model, path: str) -> bool:
        try:
            with transaction.atomic():
                row.save()
        except (DatabaseError, ValueError) as refused:
            self.problems.add(path, f"could not be stored: {refused}")
            return False
        return True

    def row(
        self, kind: Kind, data: Any, path: str, parent: models.Model | None
    ) -> models.Model | None:
        """One row checked and, if it and its parent are sound, stored; then its children."""
        found = self.values(kind, data, path)
        if found is None:
            return None
        values, bad = found
        row = kind.model(**values)
        exclude = set(bad)
        parent_stored = parent is not None and parent.pk is not None
        if kind.parent:
            if parent_stored:
                setattr(row, kind.parent, parent)
            else:
                exclude.add(kind.parent)
        sound = links.prepare(self.problems, kind, row, data, path, self.made) and not bad
        sound = self.clean(row, path, exclude) and sound
        stored = sound and (kind.parent is None or parent_stored) and self.save(row, path)
        if stored:
            restore_times(kind, row, values)
            links.after_save(self.problems, kind, row, data, path, self.made)
        self.made.setdefault(kind.key, []).append(row if stored else None)
        for sub in kind.children:
            rows = data.get(sub.key, [] if sub.many else None)
            self.rows(sub, rows, f"{path}.{sub.key}", row if stored else None)
        return row if stored else None

    def rows(self, kind: Kind, data: Any, path: str, parent: models.Model | None) -> None:
        if not kind.many:
            if data is not None:
                self.row(kind, data, path, parent)
            return
        if not isinstance(data, list):
            self.problems.add(path, "must be a list")
            return
        for n, item in enumerate(data):
            self.row(kind, item, f"{path}[{n}]", parent)

    # --- The initiative ------------------------------------------------------------

    def initiative(self, data: Any, path: str) -> Initiative | None:
        found = self.values(INITIATIVE, data, path)
        if found is None:
            return None
        values, bad = found
        partner = self.partner(data.get("partner"), f"{path}.partner")
        status = values.get("status", InitiativeStatus.DRAFT)
        if status not in InitiativeStatus.values:
            allowed = ", ".join(InitiativeStatus.values)
            self.problems.add(f"{path}.status", f"“{status}” is not one of: {allowed}")
            bad.add("status")
            values.pop("status")
        initiative = Initiative(**values)
        exclude = set(bad)
        # It belongs where its owner here belongs: that is who has a need to know it.
        owner = values.get("owner")
        initiative.organization = organization_of(owner) if owner is not None else None
        if owner is not None and initiative.organization is None:
            self.problems.add(f"{path}.owner", "belongs to no organization here")
            exclude.add("organization")
        if partner is not None and partner.pk:
            initiative.partner = partner
        else:
            exclude.add("partner")
        sound = self.clean(initiative, path, exclude) and not exclude
        if sound:
            initiative._change_reason = IMPORT_REASON
            sound = self.save(initiative, path)
        team = self.team(data.get("team_members", []), f"{path}.team_members")
        units = self.units(data.get("targeted_units", []), f"{path}.targeted_units", partner)
        saved = initiative if sound else None
        for kind in INITIATIVE.children:
            rows = data.get(kind.key, [] if kind.many else None)
            self.rows(kind, rows, f"{path}.{kind.key}", saved)
        if saved is None:
            return None
        initiative.team_members.set(team)
        initiative.targeted_units.set(units)
        restore_times(INITIATIVE, initiative, values)
        return initiative

    def team(self, data: Any, path: str) -> list[AbstractBaseUser]:
        if not isinstance(data, list) or not all(isinstance(u, str) for u in data):
            self.problems.add(path, "must be a list of usernames")
            return []
        people = [self.person(u, f"{path}[{n}]") for n, u in enumerate(data)]
        return list({p.pk: p for p in people if p is not None}.values())

    def partner(self, data: Any, path: str) -> Partner | None:
        found = self.values(PARTNER, data, path)
        if found is None:
            return None
        values, bad = found
        if bad:
            return None
        existing = Partner.objects.filter(country=values["country"]).first()
        if existing is not None:
            return existing
        partner = Partner(**values, kept_by=self.command())
        if self.clean(partner, path, set()) and self.save(partner, path):
            self.notes.append(f"Created the partner “{partner.country}”, not known here before.")
            return partner
        return None

    def units(self, data: Any, path: str, partner: Partner | None) -> list[PartnerUnit]:
        if not isinstance(data, list):
            self.problems.add(path, "must be a list")
            return []
        units = []
        for n, item in enumerate(data):
            found = self.values(UNITS, item, f"{path}[{n}]")
            if found is None or found[1] or partner is None or not partner.pk:
                continue
            values = found[0]
            unit = PartnerUnit.objects.filter(partner=partner, name=values["name"]).first()
            if unit is None:
                unit = PartnerUnit(partner=partner, **values)
                if not (self.clean(unit, f"{path}[{n}]", set()) and self.save(unit, path)):
                    continue
                self.notes.append(f"Created the unit “{unit.name}” of {partner.country}.")
            units.append(unit)
        return units


def restore_times(kind: Kind, row: models.Model, values: dict[str, Any]) -> None:
    """Created/updated times as in the file (Django sets them on save)."""
    times = {f.name: values[f.name] for f in kind.fields if is_auto_time(f) and f.name in values}
    if times:
        type(row)._base_manager.filter(pk=row.pk).update(**times)
        for name, value in times.items():
            setattr(row, name, value)
