"""stegvis report SUBCOMMAND ...

Reports for the operator, printed unsuppressed. Each subcommand lives with its report and is
registered in SUBCOMMANDS below: a pair of functions, one adding its arguments to the
subcommand's parser, one computing the report from the parsed options and returning the text to
print (raising CommandError on bad input).

    stegvis report esf --project DNR [--from D --to D] --json
    stegvis report methods [--project DNR] --as-of D --json
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandParser

from stegvis.reports import esf
from stegvis.reports import methods as methods_report


@dataclass(frozen=True)
class Subcommand:
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[dict], str]


# One entry per report. Add a report by writing its two functions in its own module and adding
# a line here (e.g. "methods": Subcommand(..., methods.methods_add_arguments, methods.methods_run)).
SUBCOMMANDS: dict[str, Subcommand] = {
    "esf": Subcommand(
        "ESF+ indicators EECO01–EECO12 and EECR01–EECR05 of a project, by gender.",
        esf.esf_add_arguments,
        esf.esf_run,
    ),
    "methods": Subcommand(
        "Methods compared: time to first competitive job, log-rank, Cox, employed at exit, progression.",
        methods_report.methods_add_arguments,
        methods_report.methods_run,
    ),
}


class Command(BaseCommand):
    help = "Print a report: " + ", ".join(sorted(SUBCOMMANDS)) + "."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="report", required=True, metavar="REPORT")
        for name, subcommand in SUBCOMMANDS.items():
            subparser = subparsers.add_parser(name, help=subcommand.help)
            subcommand.add_arguments(subparser)

    def handle(self, *args, **options):  # noqa: ANN002,ANN003
        self.stdout.write(SUBCOMMANDS[options["report"]].run(options))
