"""The parts the notification draft is written from: elements made of text, facts and tables.

`idd.export.notification_elements` fills them from the snapshot; the HTML templates
(templates/idd/notification/) and the .docx writer print them, so all three say the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

Row = tuple[str, ...]


@dataclass(frozen=True)
class Text:
    """A titled passage of the planner's own words."""

    heading: str
    body: str
    kind: ClassVar[str] = "text"


@dataclass(frozen=True)
class Facts:
    """Named facts, printed as a table of row headers."""

    rows: tuple[tuple[str, str], ...]
    kind: ClassVar[str] = "facts"


@dataclass(frozen=True)
class Table:
    caption: str
    headers: Row
    rows: tuple[Row, ...]
    total: Row | None = None
    kind: ClassVar[str] = "table"


Block = Text | Facts | Table


@dataclass(frozen=True)
class Element:
    slug: str
    title: str
    answers: str  # "10 U.S.C. 333(e)(2): ..."
    step: str  # the guided-form step that fills it
    blocks: tuple[Block, ...]
    missing: tuple[str, ...] = field(default=())  # what its guided-form step fills
    note: str = ""
    # What the IDD has no field for: listed as missing too, to be written into the notice.
    not_recorded: tuple[str, ...] = field(default=())

    @property
    def lacks(self) -> tuple[str, ...]:
        """Everything the draft cannot fill in this element."""
        return (*self.missing, *self.not_recorded)

    @property
    def anchor(self) -> str:
        return f"element-{self.slug}"


def usd(value: str | Decimal | None) -> str:
    return "" if value in (None, "") else f"${Decimal(str(value)):,.0f}"


def total(values: list[str | None]) -> str:
    return usd(sum((Decimal(v) for v in values if v not in (None, "")), Decimal(0)))


def blank(text: str | None) -> bool:
    return not (text or "").strip()


def texts(*pairs: tuple[str, str]) -> tuple[Text, ...]:
    return tuple(Text(heading, body) for heading, body in pairs if not blank(body))


def lacking(*pairs: tuple[str, bool]) -> tuple[str, ...]:
    return tuple(what for what, lacking in pairs if lacking)
