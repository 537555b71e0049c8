"""One field's value in the file: written as JSON, read back strictly.

People are written by username; dates and times as ISO 8601 (times with their offset);
whole-dollar amounts as integers. Reading accepts exactly those JSON types, so a quoted
number or a misspelt date is a problem reported with its path, never a guess.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.dateparse import parse_date, parse_datetime

from idd.exchange.spec import is_user


class BadValue(ValueError):
    """The value in the file cannot be this field's."""


def encode(f: models.Field, value: Any) -> Any:
    if value is None:
        return None
    if is_user(f):
        return value.get_username()
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


def decode(f: models.Field, value: Any) -> Any:
    """The model value for the file's value; raises BadValue with the reason."""
    if value is None:
        if f.null or isinstance(f, models.JSONField):
            return None
        raise BadValue("must not be null")
    if is_user(f):
        if not isinstance(value, str):
            raise BadValue("must be a username (a string)")
        return value  # mapped to a user by the importer
    if isinstance(f, models.JSONField):
        return value
    if isinstance(f, models.DateTimeField):
        return _datetime(value)
    if isinstance(f, models.DateField):
        if not isinstance(value, str) or (day := _date(value)) is None:
            raise BadValue("must be a date written YYYY-MM-DD")
        return day
    if isinstance(f, models.DecimalField):
        if f.decimal_places == 0:
            if not _is_int(value):
                raise BadValue("must be a whole number")
            return Decimal(value)
        if not isinstance(value, str):
            raise BadValue("must be a decimal number written as a string")
        return f.to_python(value)
    if isinstance(f, models.BooleanField):
        if not isinstance(value, bool):
            raise BadValue("must be true or false")
        return value
    if isinstance(f, models.IntegerField):
        if not _is_int(value):
            raise BadValue("must be a whole number")
        return value
    if not isinstance(value, str):
        raise BadValue("must be a string")
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _date(value: str) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _datetime(value: Any) -> dt.datetime:
    problem = BadValue("must be a date and time with its offset, like 2027-01-31T14:05:00+00:00")
    if not isinstance(value, str):
        raise problem
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise problem
    return moment
