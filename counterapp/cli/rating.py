"""`counterapp rate CODE --score satisfied|normal|unsatisfied [--reason R ...] [--occasion intake|return]`

The citizen's rating of a visit, recorded as the window records it (counterapp/ratings/): with
the dossier, the officer (`--officer`, proved by a password once the site has users; else the
site's configured officer) and the moment; queued for the portal in the same transaction.
`--reason` takes a reason's code (`counterapp rate --reasons` lists them). Exit 0 recorded,
1 refused (unknown dossier or reason, a visit already rated, a return not yet made), 2 usage.
"""

from __future__ import annotations

import argparse
import sys

from counterapp.cli.common import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, fail, open_context, print_json
from counterapp.cli.user import add_password_option, sign_in_officer


def register(subparsers: argparse._SubParsersAction) -> None:
    rate = subparsers.add_parser("rate", help="ghi đánh giá của người dân / record the citizen's rating")
    rate.add_argument("code", nargs="?", help="mã hồ sơ / dossier code")
    rate.add_argument("--score", choices=["satisfied", "normal", "unsatisfied"],
                      help="hài lòng / bình thường / không hài lòng")
    rate.add_argument("--reason", action="append", default=[],
                      help="mã lý do (lặp lại được) / a reason's code (repeatable)")
    rate.add_argument("--occasion", choices=["intake", "return"], default="intake",
                      help="lần tiếp nhận hay trả kết quả / the intake or the return visit (default intake)")
    rate.add_argument("--officer", default="", help="cán bộ phục vụ / the serving officer (default: the file's)")
    rate.add_argument("--reasons", action="store_true", help="liệt kê các lý do / list the reasons")
    rate.add_argument("--json", action="store_true", help="JSON output")
    add_password_option(rate)
    rate.set_defaults(handler=_rate)


def _rate(args: argparse.Namespace) -> int:
    from counterapp.dossiers.intake_request import DossierNotFound
    from counterapp.ratings import RatingError, record_rating
    from counterapp.ratings.reasons import load_reasons

    ctx = open_context(args)
    try:
        if args.reasons:
            reasons = load_reasons(ctx.config)
            if args.json:
                print_json([{"code": r.code, "label": r.label, "en": r.en} for r in reasons])
            else:
                for r in reasons:
                    print(f"{r.code}\t{r.label}" + (f" / {r.en}" if r.en else ""))
            return EXIT_OK
        if not args.code or not args.score:
            fail("Cần mã hồ sơ và --score / a dossier code and --score are needed", EXIT_USAGE)
        sign_in_officer(args, ctx)
        try:
            info = record_rating(ctx, args.code, args.score, reasons=args.reason, occasion=args.occasion,
                                 officer=args.officer.strip() or None)
        except (RatingError, DossierNotFound) as exc:
            print(str(exc), file=sys.stderr)
            return EXIT_PARTIAL
        if args.json:
            print_json(info.to_dict())
        else:
            print(f"{info.dossier_code}: đã ghi đánh giá {info.score} ({info.occasion}) / rating recorded")
        return EXIT_OK
    finally:
        ctx.close()
