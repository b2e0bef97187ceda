"""The command-line face: `counterapp [--data-dir DIR] COMMAND ...`.

With no command it opens the window. Each area registers its commands from its
own module here (catalog.py, calendar.py, dossier.py, ...): a module exposes
`register(subparsers)` and sets `handler` on each parser; a handler takes the
parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from counterapp import __version__

# Modules under counterapp.cli that add commands; each is imported lazily by name.
COMMAND_MODULES = (
    "catalog",
    "calendar",
    "dossier",
    "digitize",
    "result",
    "sync",
    "printing",
    "report",
    "dashboard",
    "privacy",
    "user",
    "rating",
    "doctor",
    "support",
    "config",
    "provision",  # after "sync": adds site-key, site-file to its `portal` group
)


EXIT_CODES_HELP = """\
mã thoát / exit status:
  0   xong / done
  1   bị từ chối (dữ liệu sai, không đúng quy định) / refused (bad input, a rule says no)
  2   không chạy được (cú pháp, tệp không đọc được, cấu hình sai) / could not start (usage, unreadable file, settings)
  70  lỗi ngoài dự kiến, chi tiết trong tệp nhật ký / unexpected error, details in the log file named
  73  thư mục dữ liệu chỉ đọc / the data folder is read-only
  74  ổ đĩa đầy hoặc lỗi / the disk is full or failing
  75  cơ sở dữ liệu đang bận, thử lại / the database stayed busy, try again
  130 đã dừng (Ctrl+C) / interrupted
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="counterapp",
        description="Counter: phần mềm cho Bộ phận Một cửa / one-stop counter desktop client",
        epilog=EXIT_CODES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"counterapp {__version__}")
    parser.add_argument(
        "--data-dir",
        help="thư mục dữ liệu / data folder (default: $COUNTERAPP_DATA_DIR or the user data folder)",
    )
    parser.add_argument("--smoke", action="store_true", help="open the main window, let it settle, exit 0")
    parser.add_argument("--lang", choices=["vi", "en"], help="interface language for this run")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"counterapp.cli.{name}")
        module.register(subparsers)
    _accept_data_dir_everywhere(subparsers)
    return parser


def _accept_data_dir_everywhere(subparsers: argparse._SubParsersAction) -> None:
    """`--data-dir` works before or after the command (`counterapp catalog search x --data-dir D`)."""
    for sub in subparsers.choices.values():
        nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            for action in nested:
                _accept_data_dir_everywhere(action)
        elif not any("--data-dir" in a.option_strings for a in sub._actions):
            sub.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def build_window_parser() -> argparse.ArgumentParser:
    """`counterapp` with no command opens the window: the options it takes, without the
    commands (registering them imports their modules: SQLAlchemy and the models, about half
    a second the window would wait for)."""
    parser = argparse.ArgumentParser(prog="counterapp", add_help=False)
    parser.add_argument("--version", action="version", version=f"counterapp {__version__}")
    parser.add_argument("--data-dir")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--lang", choices=["vi", "en"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status (README "Exit codes"; cli/common.py).

    Nothing a command raises reaches the officer as a traceback: a storage failure is
    named (73 read-only, 74 disk full, 75 busy), anything else is a short message and the
    path of a log file holding the traceback, exit 70."""
    argv = list(sys.argv[1:] if argv is None else argv)
    from counterapp.validation import argv_problem

    problem = argv_problem(argv)  # invalid UTF-8 on the command line
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if "-h" not in argv and "--help" not in argv:
        # Anything the window's options do not take (a command, a typo) goes to the full parser.
        window_args, unknown = build_window_parser().parse_known_args(argv)
        if not unknown:
            from ui.main_window import run_gui  # the window face; imported only when asked for

            return run_gui(data_dir=window_args.data_dir, smoke=window_args.smoke, language=window_args.lang)
    parser = build_parser()  # a command, help, or something to complain about
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        from ui.main_window import run_gui  # the window face; imported only when asked for

        return run_gui(data_dir=args.data_dir, smoke=args.smoke, language=args.lang)
    _log_to_data_folder(args)
    try:
        return int(handler(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("Đã dừng / interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last resort: a message, never a traceback
        from counterapp.cli.common import report_failure

        return report_failure(exc, args, argv)


def _log_to_data_folder(args: argparse.Namespace) -> None:
    """The command's log lines go to `<data dir>/logs/counterapp.log` (counterapp/logs.py),
    only for a data folder that already exists (a command must not create one to log into);
    the reference portal (`portal ...`) has no counter data folder."""
    if args.command == "portal":
        return
    from counterapp.cli.common import data_dir_of

    folder = data_dir_of(args)
    if folder is not None and folder.is_dir():
        import logging

        from counterapp.logs import setup_logging

        if setup_logging(folder) is not None:
            logging.getLogger("counterapp.cli").info("command %s", args.command)


if __name__ == "__main__":
    sys.exit(main())
