"""Problems found in an exchange file, each with its path in the file."""

from __future__ import annotations


class ImportRefused(Exception):
    """The file was not imported; nothing was written. `problems` says every reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the file")
        self.problems = problems


class Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.items.append(f"{path}: {message}")

    def __bool__(self) -> bool:
        return bool(self.items)

    def refuse(self) -> ImportRefused:
        return ImportRefused(self.items)
