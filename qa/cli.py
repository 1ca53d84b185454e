"""The `qa` command line: argument parsing and exit codes only; no checking logic lives here.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 usage or input error.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import sys

from . import __version__
from .findings import SEVERITIES

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _date(value: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _ids(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _columns() -> int:
    """shutil.get_terminal_size().columns, without importing shutil (and with it bz2 and lzma)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns


class _Formatter(argparse.HelpFormatter):
    """argparse's help formatter, given the terminal's width: finding it itself, it imports shutil,
    2 ms of every start (argparse makes a formatter for each option it adds), for help rarely shown."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None):
        super().__init__(prog, indent_increment, max_help_position, _columns() - 2 if width is None else width)


def _with_parents(*parents):
    class Subcommand(argparse.ArgumentParser):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("formatter_class", _Formatter)
            super().__init__(*args, parents=[*parents, *kwargs.pop("parents", [])], **kwargs)
    return Subcommand


class _Unused:
    """Stands in for the parser of a command that is not running: it is not built (a check's
    start-up is measured in milliseconds, and argparse spends them on every option)."""

    def add_argument(self, *args, **kwargs):
        return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `command` (a known one, as main finds it before parsing), the parser of
    that command alone: the others are never asked for."""
    parser = argparse.ArgumentParser(
        prog="qa",
        formatter_class=_Formatter,
        description="tadqiq (تدقيق): check Arabic news copy for MT debris, boilerplate, factual drift, "
        "inconsistent spellings and typography.",
    )
    parser.add_argument("--version", action="version", version=f"tadqiq {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    # --debug after the command too (`qa check x --debug`); SUPPRESS keeps a subcommand from
    # resetting a --debug given before it.
    debug = argparse.ArgumentParser(add_help=False, formatter_class=_Formatter)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_with_parents(debug))
    if command is not None:
        add_parser = sub.add_parser

        def only_command(name, **kwargs):
            return add_parser(name, **kwargs) if name == command else _Unused()

        sub.add_parser = only_command

    check = sub.add_parser("check", help="check files, directories or '-' (stdin)")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=["text", "json", "sarif", "github", "junit", "html"],
                       help="output format (default: text, or github under GitHub Actions)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--select", type=_ids, default=(), metavar="IDS", help="only these packs or rules (comma-separated)")
    check.add_argument("--ignore", type=_ids, default=(), metavar="IDS", help="skip these packs or rules (comma-separated)")
    check.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the articles' publication date")
    check.add_argument("--date-from-path", action="store_true", default=None,
                       help="date each article by YYYY-MM-DD or YYYYMMDD in its file name or folders")
    check.add_argument("--rules", action="append", default=[], metavar="DIR", help="also load the packs in DIR")
    check.add_argument("--encoding", metavar="NAME", help="decode input with this encoding (e.g. cp1256)")
    check.add_argument("--fail-on", choices=SEVERITIES,
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the files, atomically")
    check.add_argument("--diff", action="store_true", help="print the safe fixes as a unified diff; change nothing")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    check.add_argument("--config", metavar="FILE", help="read settings from FILE instead of the nearest pyproject.toml/qa.toml")
    check.add_argument("--no-config", action="store_true", help="ignore configuration files")
    check.add_argument("--no-color", action="store_true", help="never colour the text output")
    check.add_argument("--corpus", action=argparse.BooleanOptionalAction, default=None,
                       help="corpus mode: flag lines that recur across many files (default: on when a directory is given)")
    check.add_argument("--jobs", "-j", type=int, metavar="N",
                       help="worker processes (default: one per core when there are 50 files or more)")
    check.add_argument("--quiet", "-q", action="store_true", help="no progress line on stderr")
    check.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them")

    baseline = sub.add_parser("baseline", help="record today's findings, so that only new ones are reported")
    baseline.add_argument("paths", nargs="+", metavar="PATH")
    baseline.add_argument("--output", "-o", default=".qa-baseline.json", metavar="FILE")
    baseline.add_argument("--select", type=_ids, default=(), metavar="IDS")
    baseline.add_argument("--ignore", type=_ids, default=(), metavar="IDS")
    baseline.add_argument("--rules", action="append", default=[], metavar="DIR")
    baseline.add_argument("--date", type=_date, metavar="YYYY-MM-DD")
    baseline.add_argument("--encoding", metavar="NAME")
    baseline.add_argument("--config", metavar="FILE")
    baseline.add_argument("--no-config", action="store_true")

    clean = sub.add_parser("clean", help="write copies of articles with boilerplate lines removed")
    clean.add_argument("paths", nargs="+", metavar="PATH")
    clean.add_argument("--out", required=True, metavar="DIR", help="directory for the cleaned copies (inputs are never modified)")
    clean.add_argument("--corpus", action=argparse.BooleanOptionalAction, default=None,
                       help="learn site boilerplate across all files (default: on when a directory is given)")
    clean.add_argument("--rules", action="append", default=[], metavar="DIR")
    clean.add_argument("--encoding", metavar="NAME")
    clean.add_argument("--ignore", type=_ids, default=(), metavar="IDS", help="boilerplate rules not to act on")
    clean.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: one per core for 50+ files)")
    clean.add_argument("--quiet", "-q", action="store_true", help="no progress line on stderr")
    clean.add_argument("--format", choices=("text", "json"), default="text",
                       help="json: each file's removed line numbers and the rules behind them")

    facts = sub.add_parser("facts", help="query, validate and refresh the office-holder base")
    facts.add_argument("action", nargs="?", choices=["import", "query", "export"],
                       help="import EXPORT: merge a Wikidata export of P39 statements into the base; "
                            "query: print the Wikidata Query Service query to make one; export: the base as its result")
    facts.add_argument("export", nargs="?", metavar="EXPORT", help="for import: a SPARQL JSON result or Wikidata entities")
    facts.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="import: the day the export was made (default: today)")
    facts.add_argument("--dry-run", action="store_true", help="import: report what would change; write nothing")
    facts.add_argument("--office", metavar="ID", help="an office id, e.g. us-president (see --offices)")
    facts.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help="the date to ask about (default: today)")
    facts.add_argument("--person", metavar="NAME", help="the offices a person held (Arabic or English name)")
    facts.add_argument("--offices", action="store_true", help="list the offices")
    facts.add_argument("--validate", action="store_true", help="check the base: ids, dates, overlaps, names")
    facts.add_argument("--facts", metavar="FILE", help="another base (default: rules/facts/office-holders.yaml)")

    variants = sub.add_parser("variants", help="table of names spelled more than one way across files")
    variants.add_argument("paths", nargs="+", metavar="PATH")
    variants.add_argument("--format", choices=["text", "json"], default="text")
    variants.add_argument("--rules", action="append", default=[], metavar="DIR")
    variants.add_argument("--encoding", metavar="NAME")

    rules = sub.add_parser("rules", help="list every pack and rule")
    rules.add_argument("--rules", action="append", default=[], metavar="DIR")
    rules.add_argument("--format", choices=["text", "json"], default="text")

    explain = sub.add_parser("explain", help="print a rule's description, messages and examples")
    explain.add_argument("rule", metavar="RULE")
    explain.add_argument("--rules", action="append", default=[], metavar="DIR")

    serve = sub.add_parser("serve", help="run the HTTP service: native and LanguageTool-compatible APIs, and a page")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, loopback only)")
    serve.add_argument("--port", default="8787", help="port to listen on, 1-65535 (default: 8787)")
    serve.add_argument("--workers", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    serve.add_argument("--max-body", type=int, default=1_000_000, metavar="BYTES", help="largest request body (default: 1000000)")
    serve.add_argument("--time-budget", type=float, default=10.0, metavar="SECONDS", help="longest check per request (default: 10)")
    # Spelled as LanguageTool's server spells it (no value: any origin); --cors-origin is the old name.
    serve.add_argument("--allow-origin", "--cors-origin", dest="cors_origin", nargs="?", const="*", action="append",
                       default=[], metavar="ORIGIN", help="allow browser calls from this origin, e.g. "
                       "https://cms.example.com (repeatable; with no value, any origin)")
    serve.add_argument("--token", help="require 'Authorization: Bearer TOKEN' (default: $QA_SERVE_TOKEN; "
                       "required when --host is not loopback)")
    serve.add_argument("--select", type=_ids, default=(), metavar="IDS")
    serve.add_argument("--ignore", type=_ids, default=(), metavar="IDS")
    serve.add_argument("--rules", action="append", default=[], metavar="DIR")
    serve.add_argument("--config", metavar="FILE")
    serve.add_argument("--no-config", action="store_true")

    sub.add_parser("lsp", help="run the language server on stdin/stdout, for editors (needs the lsp extra)")
    return parser


def _stdout_utf8() -> None:
    # Reports are Arabic; never let a C locale turn them into UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def _error(message: str) -> int:
    print(f"qa: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def _config(args):
    """Settings from the configuration file, overridden by the command line."""
    from dataclasses import replace
    from pathlib import Path

    from .config import Config, find_config, load_config

    base = Config()
    if not getattr(args, "no_config", False):
        path = Path(args.config) if getattr(args, "config", None) else find_config()
        if path:
            base = load_config(path)
    return replace(
        base,
        select=getattr(args, "select", ()) or base.select,
        ignore=base.ignore + tuple(getattr(args, "ignore", ())),
        rules_dirs=base.rules_dirs + tuple(getattr(args, "rules", [])),
        date=getattr(args, "date", None),
        date_from_path=getattr(args, "date_from_path", None) or base.date_from_path,
        encoding=getattr(args, "encoding", None),
        fail_on=getattr(args, "fail_on", None) or base.fail_on,
        corpus=getattr(args, "corpus", None),
        baseline=getattr(args, "baseline", None) or base.baseline,
    )


def _progress(args):
    """A progress line on stderr for long runs at a terminal (each pass, with the time left);
    --quiet turns it off."""
    if getattr(args, "quiet", False) or not sys.stderr.isatty():
        return None
    from .progress import Progress

    return Progress(sys.stderr)


def cmd_check(args) -> int:
    from .report.text import statistics, summary
    from .run import fails, run_check, write_report

    config = _config(args)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if args.fix and "-" in args.paths:
        return _error("--fix rewrites files; it cannot fix stdin (use --diff)")
    if args.statistics and args.format not in (None, "text"):
        return _error("--statistics prints counts per rule as text; it cannot be combined with --format")
    result, engine = run_check(args.paths, config, fmt=fmt, fix=args.fix, diff=args.diff, jobs=args.jobs,
                               progress=_progress(args))
    for problem in (*result.warnings, *result.errors):
        print(f"qa: {problem.label}: {problem}", file=sys.stderr)
    code = EXIT_ERROR if result.errors else EXIT_FINDINGS if fails(result.findings, config.fail_on) else EXIT_CLEAN
    closing = summary(result.findings, result.documents)
    try:
        if args.statistics:
            from .fixes import write_atomic

            text = "".join(line + "\n" for line in statistics(result.findings) + closing)
            if args.output:
                write_atomic(args.output, text)
            else:
                sys.stdout.write(text)
        elif not args.diff:
            tty = args.output is None and sys.stdout.isatty() and not args.no_color and "NO_COLOR" not in os.environ
            write_report(fmt, result, engine.rules, tty, args.output, fail_on=config.fail_on)
    except BrokenPipeError:
        # `qa check … | head` stopped reading: the findings still decide the exit code.
        _discard_stdout()
    if args.output and not args.quiet:
        # The report went to a file; the totals still belong on the terminal.
        sys.stderr.writelines(line + "\n" for line in closing)
    return code


def cmd_baseline(args) -> int:
    from dataclasses import replace

    from .baseline import baseline_json
    from .engine import check_paths
    from .fixes import write_atomic
    from .report.text import plural

    config = replace(_config(args), baseline=None)
    result = check_paths(args.paths, config=config)
    for problem in (*result.warnings, *result.errors):
        print(f"qa: {problem.label}: {problem}", file=sys.stderr)
    write_atomic(args.output, baseline_json(result.findings))
    print(f"Recorded {plural(len(result.findings), 'finding')} in {plural(len(result.documents), 'file')} to {args.output}.")
    return EXIT_ERROR if result.errors else EXIT_CLEAN


def cmd_clean(args) -> int:
    from .config import Config
    from .run import run_clean

    config = Config(select=("boilerplate",), ignore=args.ignore, rules_dirs=tuple(args.rules),
                    encoding=args.encoding, corpus=args.corpus)
    if "-" in args.paths:
        return _error("qa clean reads files, not stdin")
    failed = run_clean(args.paths, args.out, config, jobs=args.jobs, progress=_progress(args), fmt=args.format)
    return EXIT_ERROR if failed else EXIT_CLEAN


def cmd_facts(args) -> int:
    import datetime as dt
    from pathlib import Path

    from .arabic import fold
    from .facts import FactsError, load, validate
    from .packs import builtin_rules_dir

    path = Path(args.facts) if args.facts else builtin_rules_dir() / "facts" / "office-holders.yaml"
    try:
        facts = load(path)
    except FactsError as exc:
        return _error(str(exc))
    if args.action:
        return _facts_action(args, path, facts)
    if args.validate:
        problems = validate(facts)
        for problem in problems:
            print(problem)
        unverified = sum(p.verify for p in facts.people)
        print(f"{len(facts.offices)} offices, {len(facts.people)} people, {sum(len(p.terms) for p in facts.people)} terms; "
              f"{len(problems)} problems; {unverified} Q-ids marked verify")
        return EXIT_FINDINGS if problems else EXIT_CLEAN
    if args.offices:
        for office in facts.offices.values():
            print(f"{office.id:<24} {office.wikidata:<10} {office.label_en} / {office.label_ar}")
        return EXIT_CLEAN
    if args.person:
        wanted = fold(args.person).casefold()
        found = [p for p in facts.people if wanted in p.name_en.casefold() or any(wanted in fold(n) for n in p.names)]
        if not found:
            return _error(f"no person matching {args.person!r} in {path}")
        for person in found:
            print(f"{person.name_en} ({person.id}{', verify' if person.verify else ''}): {', '.join(person.names)}")
            for term in person.terms:
                print(f"  {term.office:<24} {term.start_text} -> {term.end_text or 'now'}")
        return EXIT_CLEAN
    if not args.office:
        return _error("give --office ID (with --on DATE), --person NAME, --offices or --validate")
    if args.office not in facts.offices:
        return _error(f"unknown office {args.office!r} (see 'qa facts --offices')")
    day = args.on or dt.date.today()
    office = facts.offices[args.office]
    holders = facts.holders(args.office, day)
    if not office.known_on(day):
        print(f"{office.label_en} on {day}: unknown; the base is complete for this office only to {office.known_until}")
        return EXIT_CLEAN
    if not holders:
        print(f"{office.label_en} on {day}: nobody in the base")
        return EXIT_CLEAN
    for person, term in holders:
        print(f"{office.label_en} on {day}: {person.name_en} ({person.names[0]}, {person.id}), "
              f"in office {term.start_text} -> {term.end_text or 'now'}")
    return EXIT_CLEAN


def _facts_action(args, path, facts) -> int:
    import datetime as dt
    import json
    from pathlib import Path

    from .facts import FactsError
    from .facts_import import export, merge, query, read_export

    if args.action == "query":
        print(query(facts), end="")
        return EXIT_CLEAN
    if args.action == "export":
        print(json.dumps(export(facts), ensure_ascii=False, indent=1))
        return EXIT_CLEAN
    if not args.export:
        return _error("qa facts import needs the export file: qa facts import EXPORT.json")
    try:
        report = merge(path, read_export(Path(args.export)), args.as_of or dt.date.today(), write=not args.dry_run)
    except FactsError as exc:
        return _error(str(exc))
    for line in report.lines():
        print(line)
    return EXIT_FINDINGS if report.problems else EXIT_CLEAN


def cmd_variants(args) -> int:
    from .config import Config
    from .document import InputError
    from .engine import FileError, expand_paths, get_engine, read_document
    from .kinds.variants import variant_table

    config = Config(select=("consistency/variant-spelling",), rules_dirs=tuple(args.rules), encoding=args.encoding)
    rule = get_engine(config).rules[0]
    files, errors = expand_paths(args.paths)

    def documents():
        for path in files:
            try:
                yield read_document(path, config)
            except InputError as exc:
                errors.append(FileError(path, str(exc)))

    table = variant_table(documents(), rule.state)
    for problem in errors:
        print(f"qa: {problem.label}: {problem}", file=sys.stderr)
    errors = [e for e in errors if not e.warning]
    if args.format == "json":
        import json

        print(json.dumps(table, ensure_ascii=False, indent=2))
    else:
        for group in table:
            spellings = "  ·  ".join(f"{v['base']} ({v['tokens']} in {v['files']} file{'s' * (v['files'] != 1)}, e.g. {v['example']})"
                                     for v in group["variants"])
            house = f"  [house: {group['house']}]" if group["house"] else ""
            print(f"{group['total']:>6}  {spellings}{house}")
        print(f"{len(table)} name{'s' * (len(table) != 1)} spelled more than one way in {len(files)} file{'s' * (len(files) != 1)}.")
    return EXIT_ERROR if errors else EXIT_CLEAN


def cmd_rules(args) -> int:
    from .packs import load_packs

    packs = load_packs(args.rules)
    if args.format == "json":
        import json

        data = [{"pack": p.id, "description": p.description, "rules": [
            {"id": r.id, "kind": r.kind, "severity": r.severity, "message": r.message_ar, "message_en": r.message_en}
            for r in p.rules]} for p in packs]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_CLEAN
    import regex

    for pack in packs:
        print(f"{pack.id}: {pack.description}")
        for rule in pack.rules:
            summary = regex.sub(r"\{[a-z_]+\}", "…", rule.message_en)
            state = "" if rule.enabled else "  (off by default)"
            print(f"  {rule.id:<40} {rule.severity:<8} {summary}{state}")
    return EXIT_CLEAN


def cmd_explain(args) -> int:
    from .packs import load_packs
    from .report.text import visible

    rules = {r.id: r for p in load_packs(args.rules) for r in p.rules}
    rule = rules.get(args.rule)
    if rule is None:
        close = [rid for rid in rules if args.rule in rid]
        hint = f" (did you mean {', '.join(close[:3])}?)" if close else " (see 'qa rules')"
        return _error(f"unknown rule {args.rule!r}{hint}")
    print(f"{rule.id}  [{rule.severity}, kind: {rule.kind}]")
    if rule.description:
        print(f"\n{rule.description}")
    print(f"\nالرسالة: {rule.message_ar}\nMessage: {rule.message_en}")
    if rule.examples["fire"]:
        print("\nFires on:")
        for ex in rule.examples["fire"]:
            print(f"  ✗ {visible(ex['text'])}")
            if "fix" in ex:
                print(f"    → {visible(ex['fix'])}")
    if rule.examples["pass"]:
        print("\nDoes not fire on:")
        for ex in rule.examples["pass"]:
            print(f"  ✓ {visible(ex['text'])}")
    print(f"\nDefined in {rule.source}:{rule.line}")
    return EXIT_CLEAN


def _cannot_listen(host: str, port: int) -> str | None:
    """Why the server could not listen there (a busy port, an address not on this machine), found
    before uvicorn starts, which would log a traceback; None when it can."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def cmd_serve(args) -> int:
    try:
        import uvicorn  # noqa: F401

        from .serve import Settings, is_loopback, serve
    except ImportError as exc:
        return _error(f"qa serve needs the 'serve' extra: pip install 'tadqiq[serve]' ({exc.name} is missing)")
    config = _config(args)
    token = args.token or os.environ.get("QA_SERVE_TOKEN") or None
    if not is_loopback(args.host) and not token:
        return _error(f"--host {args.host} is reachable from other machines: set --token or QA_SERVE_TOKEN")
    if args.workers < 1 or args.max_body < 1 or args.time_budget <= 0:
        return _error("--workers, --max-body and --time-budget must be positive")
    port = int(args.port) if args.port.isascii() and args.port.isdigit() else -1
    if not 1 <= port <= 65535:
        return _error(f"--port must be a number from 1 to 65535, got {args.port!r}")
    problem = _cannot_listen(args.host, port)
    if problem:
        return _error(f"cannot listen on {args.host}:{port}: {problem}")
    settings = Settings(host=args.host, port=port, workers=args.workers, max_body=args.max_body,
                        time_budget=args.time_budget, cors_origins=tuple(args.cors_origin), token=token,
                        select=config.select, ignore=config.ignore, rules_dirs=config.rules_dirs,
                        config_source=config.source, house_style=config.house_style, severity=config.severity)
    from .engine import get_engine

    get_engine(settings.engine_config())  # a broken pack fails here, with its file and line, not per request
    print(f"qa serve: http://{args.host}:{port}/ (Ctrl-C to stop)", file=sys.stderr)
    serve(settings)
    return EXIT_CLEAN


def cmd_lsp(args) -> int:
    try:
        from .lsp import main as lsp_main
    except ImportError as exc:
        return _error(f"qa lsp needs the 'lsp' extra: pip install 'tadqiq[lsp]' ({exc.name} is missing)")
    lsp_main()
    return EXIT_CLEAN


COMMANDS = {"check": cmd_check, "baseline": cmd_baseline, "clean": cmd_clean, "facts": cmd_facts, "variants": cmd_variants, "rules": cmd_rules, "explain": cmd_explain, "serve": cmd_serve, "lsp": cmd_lsp}


def main(argv=None) -> int:
    _stdout_utf8()
    words = sys.argv[1:] if argv is None else argv
    command = next((w for w in words if not w.startswith("-")), None)
    parser = build_parser(command if command in COMMANDS else None)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_ERROR
    if argv is None and args.command in ("check", "baseline", "clean", "variants"):
        from . import packs

        packs.FREEZE_AFTER_LOAD = True  # this process is the qa command: its packs live as long as it
    from .baseline import BaselineError
    from .config import ConfigError
    from .engine import UsageError
    from .packs import PackError

    if not getattr(args, "quiet", False):
        from . import progress

        progress.notice = lambda message: print(f"qa: {message}", file=sys.stderr, flush=True)
    try:
        return COMMANDS[args.command](args)
    except (PackError, UsageError, ConfigError, BaselineError) as exc:
        return _error(str(exc))
    except BrokenPipeError:
        # The reader of our output went away (`qa rules | head`); that is not an error worth a traceback.
        _discard_stdout()
        return EXIT_CLEAN
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        return _error(f"{getattr(exc, 'filename', '') or ''}: {exc.strerror or exc}".lstrip(": "))
    except Exception as exc:
        # A bug, not the user's doing: one line and exit 2 (1 would read as "findings").
        if args.debug:
            import traceback

            traceback.print_exc()
        return _error(f"internal error: {type(exc).__name__}: {exc} "
                      "(run again with --debug for the traceback, and please report it)")


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush does not fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (a test's StringIO)
        pass
