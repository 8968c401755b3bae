"""`budget-desk check` and `budget-desk accept`: the checks before publication on the command line."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.cli.base import CommandError

if TYPE_CHECKING:
    from app.core.findings import Finding
    from app.core.records import Acceptance, Budget

# the checks, the records and the file are loaded by the commands that use them (a command's
# module is loaded to list it, and the `pdf` command runs its checks in a second process)


def acceptance_for(budget: Budget, finding: Finding) -> Acceptance | None:
    from app.core import findings as core_findings

    return core_findings.acceptance_for(budget.acceptances, finding)


def review(budget: Budget) -> list[Finding]:
    from app.profiles.review import review as found

    return found(budget)


def check_title(check: str) -> str:
    from app.profiles.review import check_title as found

    return found(check)


def register(sub: Any) -> None:
    p = sub.add_parser("check", help="审核：列出发布前的错误和提示（有错误时退出码为 1）")
    p.add_argument("path", help="要审核的预算文件")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("accept", help="接受一项错误（写明理由），或列出已接受的错误")
    p.add_argument("path", help="错误所在的预算文件")
    p.add_argument("check", nargs="?", help="检查名，如 income-balance（见 check 的输出）")
    p.add_argument("location", nargs="?", help="位置，如 income//this_year.general（见 check 的输出）")
    p.add_argument("--reason", help="接受的理由，如“本省规定……”")
    p.add_argument("--list", action="store_true", help="列出已接受的错误及其理由")
    p.add_argument("--withdraw", action="store_true", help="撤销对这项错误的接受")
    p.set_defaults(run=cmd_accept)


def _entry(number: int, finding: Finding) -> list[str]:
    return [
        f"{number:>3}. {finding.location.label}",
        f"     {finding.message}",
        f"     检查：{finding.check}（{check_title(finding.check)}）  位置：{finding.location.key}",
    ]


def report(budget: Budget, findings: list[Finding]) -> list[str]:
    """The findings as printed by `check`: 错误, then accepted 错误, then 提示."""
    from app.core.findings import Severity

    errors = [f for f in findings if f.severity == Severity.ERROR]
    open_errors = [f for f in errors if acceptance_for(budget, f) is None]
    taken = [f for f in errors if acceptance_for(budget, f) is not None]
    hints = [f for f in findings if f.severity == Severity.HINT]
    d = budget.department
    lines = [f"审核：{d.name} {d.year}年",
             f"错误 {len(open_errors)} 项，已接受的错误 {len(taken)} 项，提示 {len(hints)} 项。"]
    if open_errors:
        lines += ["", f"【错误】{len(open_errors)} 项：改正之前不能生成公开文件"]
        for n, f in enumerate(open_errors, 1):
            lines += _entry(n, f)
    if taken:
        lines += ["", f"【已接受的错误】{len(taken)} 项：不阻止生成"]
        for n, f in enumerate(taken, 1):
            acceptance = acceptance_for(budget, f)
            lines += [*_entry(n, f), f"     接受理由：{acceptance.reason if acceptance else ''}"]
    if hints:
        lines += ["", f"【提示】{len(hints)} 项：请核对，不阻止生成"]
        for n, f in enumerate(hints, 1):
            lines += _entry(n, f)
    stale = [a for a in budget.acceptances
             if not any(f.check == a.check and f.location.key == a.location for f in errors)]
    if stale:
        lines += ["", "以下已接受的错误现已不存在（可用 accept … --withdraw 撤销）："]
        lines += [f"  - 检查：{a.check}  位置：{a.location}  理由：{a.reason}" for a in stale]
    lines.append("")
    if open_errors:
        lines.append("有错误未改正。如确因本地规定不同而无需改正，可用 "
                     "budget-desk accept 文件 检查 位置 --reason \"理由\" 接受。")
    else:
        lines.append("没有未改正的错误，可以生成公开文件。")
    return lines


def cmd_check(args: argparse.Namespace) -> int:
    from app.core.findings import Severity
    from app.store import storage

    budget = storage.load(args.path)
    findings = review(budget)
    print("\n".join(report(budget, findings)))
    blocking = [f for f in findings
                if f.severity == Severity.ERROR and acceptance_for(budget, f) is None]
    return 1 if blocking else 0


def cmd_accept(args: argparse.Namespace) -> int:
    from app.core.findings import Severity
    from app.core.records import Acceptance
    from app.store import storage

    budget = storage.load(args.path)
    if args.list:
        return _list(budget)
    if not args.check or not args.location:
        raise CommandError("请给出检查名和位置（从 budget-desk check 的输出中复制），或用 --list 列出。")
    if args.withdraw:
        kept = tuple(a for a in budget.acceptances
                     if not (a.check == args.check and a.location == args.location))
        if len(kept) == len(budget.acceptances):
            raise CommandError(f"没有接受过检查“{args.check}”在“{args.location}”的错误。")
        storage.save(replace(budget, acceptances=kept), args.path)
        print(f"已撤销接受：{args.check}  {args.location}")
        return 0
    reason = (args.reason or "").strip()
    if not reason:
        raise CommandError("请用 --reason \"…\" 写明接受这项错误的理由（理由保存在文件中，供核对）。")
    matching = [f for f in review(budget)
                if f.check == args.check and f.location.key == args.location]
    errors = [f for f in matching if f.severity == Severity.ERROR]
    if not errors:
        if matching:
            raise CommandError("这是一项提示，不阻止生成公开文件，无需接受。")
        raise CommandError(f"当前没有检查“{args.check}”在“{args.location}”的错误；"
                           f"请从 budget-desk check 的输出中复制检查名和位置。")
    others = tuple(a for a in budget.acceptances
                   if not (a.check == args.check and a.location == args.location))
    accepted = Acceptance(args.check, args.location, reason)
    storage.save(replace(budget, acceptances=(*others, accepted)), args.path)
    print(f"已接受：{errors[0].location.label}")
    for f in errors:
        print(f"  {f.message}")
    print(f"  理由：{reason}")
    return 0


def _list(budget: Budget) -> int:
    if not budget.acceptances:
        print("没有已接受的错误。")
        return 0
    from app.core.findings import Severity

    errors = [f for f in review(budget) if f.severity == Severity.ERROR]
    print(f"已接受的错误 {len(budget.acceptances)} 项：")
    for n, a in enumerate(budget.acceptances, 1):
        found = next((f for f in errors if f.check == a.check and f.location.key == a.location), None)
        place = found.location.label if found else "（这项错误现已不存在）"
        print(f"{n:>3}. {place}")
        if found:
            print(f"     {found.message}")
        print(f"     检查：{a.check}  位置：{a.location}")
        print(f"     理由：{a.reason}")
    return 0
