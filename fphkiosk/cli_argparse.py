"""argparse speaking the user's language: headings, usage line, help option and its errors.

argparse writes its own words in English; a trainer who mistypes a command reads French.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from fphkiosk.core.i18n import Translator

EXIT_USAGE = 2

# argparse's error messages that users meet, and the key of their translation.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (?P<names>.+)$"), "cli.error.required"),
    (re.compile(r"^unrecognized arguments: (?P<names>.+)$"), "cli.error.unrecognized"),
    (
        re.compile(
            r"^argument (?P<name>\S+): invalid (?:int|positive_int) value: '(?P<value>.*)'$"
        ),
        "cli.error.not_integer",
    ),
    (
        re.compile(
            r"^argument (?P<name>\S+): invalid choice: '?(?P<value>[^' ]*)'? "
            r"\(choose from (?P<choices>.+)\)$"
        ),
        "cli.error.invalid_choice_among",
    ),
    (
        re.compile(r"^argument (?P<name>\S+): invalid choice: '?(?P<value>[^' ]*)'?.*$"),
        "cli.error.invalid_choice",
    ),
    (re.compile(r"^argument (?P<name>\S+): expected one argument$"), "cli.error.needs_value"),
    (
        re.compile(r"^argument (?P<name>\S+): (?P<value>-?\d+) < 1$"),
        "cli.error.at_least_one",
    ),
)


def translate_error(tr: Translator, message: str) -> str:
    for pattern, key in _ERRORS:
        match = pattern.match(message)
        if match:
            params = match.groupdict()
            if "choices" in params:
                # argparse quotes each choice in some Python versions and not in others.
                params["choices"] = params["choices"].replace("'", "")
            return tr(key, **params)
    return message


def positive_int(text: str) -> int:
    """An argparse ``type`` for a whole number of at least 1 (a cap, a count)."""
    value = int(text)  # ValueError: argparse's "invalid positive_int value", translated above
    if value < 1:
        # Worded for translate_error, which gives the user's message with the option's name.
        raise argparse.ArgumentTypeError(f"{value} < 1")
    return value


def parser_class(tr: Translator) -> type[argparse.ArgumentParser]:
    """An ArgumentParser class whose texts go through *tr*."""

    class _Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
            # argparse passes "" when it builds a sub-command's name: leave that one alone.
            super().add_usage(
                usage, actions, groups, tr("cli.usage_prefix") if prefix is None else prefix
            )

    class _Parser(argparse.ArgumentParser):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("formatter_class", _Formatter)
            kwargs["add_help"] = False
            super().__init__(*args, **kwargs)
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help=tr("cli.help")
            )

        def format_help(self) -> str:
            # argparse's own section titles, in the user's language (it offers no public setter).
            titles = {
                "options:": tr("cli.options_title") + ":",
                "positional arguments:": tr("cli.arguments_title") + ":",
            }
            lines = super().format_help().split("\n")
            return "\n".join(titles.get(line, line) for line in lines)

        def error(self, message: str) -> NoReturn:
            self.print_usage(sys.stderr)
            text = translate_error(tr, message)
            self.exit(EXIT_USAGE, tr("cli.error.prefix", prog=self.prog, message=text) + "\n")

    return _Parser
