"""Running the commands the CLI parses: a check with its fix loop and statistics, the report,
and `qa clean`. The CLI maps what these return to exit codes; nothing here parses arguments."""

from __future__ import annotations

import os
import sys

from .findings import SEVERITY_RANK


def run_check(paths, config, *, fmt: str = "text", fix: bool = False, diff: bool = False, jobs=None,
              progress=None, out=None, err=None):
    """Check the paths; with fix or diff, apply (or show) the safe fixes until stable. Returns
    (RunResult, engine). Documents keep their text only for the HTML report."""
    from .document import Document
    from .engine import FileError, RunResult, get_engine, iter_checked
    from .fixes import FixRefused, fix_until_stable, write_fixed

    out = out or sys.stdout
    err = err or sys.stderr
    engine = get_engine(config)
    findings, errors, documents, warnings = [], [], [], []
    jobs = 1 if (fix or diff) else jobs
    # The fix loop's re-checks leave out what the baseline records, as the first check did.
    keep = None
    if (fix or diff) and config.baseline:
        from .baseline import load_baseline

        keep = load_baseline(config.baseline).new_findings
    for path, doc, found, problems in iter_checked(paths, config, jobs=jobs, progress=progress,
                                                   want_text=fmt == "html" or fix or diff,
                                                   want_stats=fmt in ("json", "html")):
        for problem in problems:
            (warnings if problem.warning else errors).append(problem)
        if doc is None:
            continue
        if fix or diff:
            original = found
            fixed, found, applied = fix_until_stable(engine, doc, found, keep=keep)
            if applied and diff:
                import difflib

                out.writelines(difflib.unified_diff(
                    doc.text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{path}", f"b/{path}"))
            if applied and fix:
                try:
                    write_fixed(path, fixed, doc.encoding, doc.cache["digest"])
                    print(f"fixed {applied} finding{'s' * (applied != 1)} in {path}", file=err)
                except (FixRefused, OSError) as exc:
                    errors.append(FileError(path, str(exc)))
                    # The report describes the file as it is on disk: unfixed.
                    fixed, found, applied = doc.text, original, 0
            if applied:
                # A new Document: the old one's cached analyses (tokens, sentences, views) describe
                # the text before the fix.
                doc = Document(fixed, path=doc.path, date=doc.date, date_source=doc.date_source, encoding=doc.encoding)
        findings.extend(found)
        if fmt in ("json", "html") and (fix or diff):
            from .stats import document_stats

            doc.stats = document_stats(doc)  # of the fixed text
        if fmt != "html":
            doc.text = ""  # a corpus is not held in memory for text reports
        documents.append(doc)
    return RunResult(findings, errors, documents, warnings), engine


def write_report(fmt: str, result, rules, tty: bool, output: str | None = None, fail_on: str = "warning") -> None:
    """The report, streamed to stdout or written atomically to output (through to a device or a
    symlink's target)."""
    from .report import render_chunks

    report = render_chunks(fmt, result, rules, tty, fail_on=fail_on)
    if output:
        from .fixes import write_atomic

        write_atomic(output, report)
    else:
        sys.stdout.writelines(report)


def fails(findings, fail_on: str) -> bool:
    """Whether any finding is at or above the fail level."""
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for f in findings)


def _output_path(out_dir: str, given: str, path: str) -> str:
    """Where a cleaned copy goes: the path below the directory it was found in, or its file name."""
    if os.path.isdir(given):
        return os.path.join(out_dir, os.path.relpath(path, given))
    return os.path.join(out_dir, os.path.basename(path))


def run_clean(paths, out_dir: str, config, jobs=None, progress=None, fmt: str = "text") -> bool:
    """`qa clean`: copies with the boilerplate lines removed. Text: one line per file (lines and
    words removed, their share, the line numbers) and a total on stdout; JSON: one object with
    each file's removed lines and the rules behind them. A file losing more than half its words
    gets a warning on stderr. Problems go to stderr. Returns whether anything failed."""
    import json

    from .clean import MAX_SHARE, clean_document
    from .engine import expand_paths, iter_checked
    from .fixes import write_atomic

    sources = {}
    for given in paths:
        for path in expand_paths([given])[0]:
            sources.setdefault(path, given)
    failed, total_lines, total_words, files, warned = False, 0, 0, 0, 0
    records = []
    for path, doc, findings, problems in iter_checked(paths, config, jobs=jobs, progress=progress):
        for problem in problems:
            print(f"qa: {problem.label}: {problem}", file=sys.stderr)
            failed = failed or not problem.warning
        if doc is None:
            continue
        target = _output_path(out_dir, sources.get(path, path), path)
        if os.path.exists(target) and os.path.samefile(target, path):
            print(f"qa: error: {path}: --out would overwrite the input; choose another directory", file=sys.stderr)
            failed = True
            continue
        result = clean_document(doc, findings)
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        write_atomic(target, result.text)
        files += 1
        total_lines += len(result.removed_lines)
        total_words += result.removed_words
        if result.too_much:
            warned += 1
            print(f"qa: warning: {path}: cleaning removed {result.removed_share:.0%} of its words "
                  f"(more than {MAX_SHARE:.0%}); check {target}", file=sys.stderr)
        if fmt == "json":
            records.append({"path": path, "output": target, **result.summary()})
            continue
        lines = ", ".join(map(str, result.removed_lines)) or "-"
        print(f"{path}: removed {len(result.removed_lines)} of {result.lines} lines, {result.removed_words} of "
              f"{result.words} words ({result.removed_share:.0%}) (lines {lines}) -> {target}")
    if fmt == "json":
        summary = {"files": files, "removed_lines": total_lines, "removed_words": total_words, "warnings": warned}
        print(json.dumps({"files": records, "summary": summary}, ensure_ascii=False, indent=2))
        return failed
    tail = f"; {warned} file{'s' * (warned != 1)} lost more than {MAX_SHARE:.0%} of their words" if warned else ""
    print(f"Cleaned {files} file{'s' * (files != 1)}: removed {total_lines} lines, {total_words} words{tail}.")
    return failed
