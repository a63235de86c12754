"""Render a :class:`~migkg.validation.ValidationOutcome` as text, JSON, Turtle or HTML.

Text and HTML are for the people who fix reports: findings grouped by report, then by
template section in template order, each with its severity and what to do. JSON follows
the public contract exactly; Turtle is the standard ``sh:ValidationReport``.
"""

from __future__ import annotations

import html
import json
import sys
import textwrap
from collections.abc import Iterable
from itertools import groupby

from .validation import SECTIONS, SEVERITIES, Finding, ReportInfo, ValidationOutcome

FORMATS = ("text", "json", "turtle", "html")
# Text output is wrapped at a fixed width, not the terminal's, so it reads the same in a
# terminal, a file or an e-mail.
WIDTH = 100

SECTION_TITLES = {
    "": "Report header (rapporteur, session, event, date)",
    "summary": "Section 1 - Summary / main discussion points",
    "challenges": "Section 2 - Challenges",
    "practices": "Section 3 - Opportunities / good practices / innovations",
    "gcm": "Section 4 - Relevance to the Global Compact for Migration",
    "agenda2030": "Section 5 - Contributions to the achievement of the Agenda 2030",
    "quotes": "Section 6 - Inspiring quotes",
}
SEVERITY_WORDS = {"violation": "Violation", "warning": "Warning", "info": "Note"}
_SYMBOLS = {"violation": "\u2716", "warning": "\u26a0", "info": "\u2139"}
_ASCII_SYMBOLS = {"violation": "x", "warning": "!", "info": "i"}


def render(outcome: ValidationOutcome, fmt: str, *, fail_on: str = "violation") -> str:
    if fmt == "json":
        return render_json(outcome)
    if fmt == "turtle":
        return outcome.turtle_report
    if fmt == "html":
        return render_html(outcome, fail_on=fail_on)
    return render_text(outcome, fail_on=fail_on)


def render_json(outcome: ValidationOutcome) -> str:
    results = [
        {"report": f.report, "source": f.source, "severity": f.severity, "section": f.section,
         "focus": f.focus, "path": f.path, "message": f.message,
         "shape": f.shape}
        for f in outcome.findings
    ]
    return json.dumps({"conforms": outcome.conforms, "results": results},
                      ensure_ascii=False, indent=2) + "\n"


def _symbols() -> dict[str, str]:
    """Unicode marks where the terminal can print them, plain letters where it cannot."""
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "".join(_SYMBOLS.values()).encode(encoding)
    except (LookupError, UnicodeEncodeError):
        return _ASCII_SYMBOLS
    return _SYMBOLS


def _grouped(outcome: ValidationOutcome) -> Iterable[tuple[ReportInfo, list[Finding]]]:
    by_report = {k: list(g) for k, g in groupby(outcome.findings, key=lambda f: f.report)}
    reports = list(outcome.reports) or [
        ReportInfo(iri, findings[0].source) for iri, findings in by_report.items()
    ]
    for info in reports:
        yield info, by_report.get(info.iri, [])


def _by_section(findings: list[Finding]) -> list[tuple[str, list[Finding]]]:
    order = ("", *SECTIONS)
    ordered = sorted(findings, key=lambda f: (order.index(f.section) if f.section in order
                                              else 0, SEVERITIES.index(f.severity)))
    return [(k, list(g)) for k, g in groupby(ordered, key=lambda f: f.section)]


def _same_message(findings: list[Finding]) -> list[tuple[Finding, list[str]]]:
    """Findings that say the same thing about several nodes, said once with every place:
    nine practices without an actor are one note, not nine."""
    ordered = sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.message,
                                              f.sort_key()))
    return [(items[0], [f.where for f in items if f.where])
            for items in (list(g) for _, g in groupby(ordered,
                                                      key=lambda f: (f.severity, f.message)))]


def _counts(findings: Iterable[Finding]) -> str:
    findings = list(findings)
    parts = []
    for severity in SEVERITIES:
        n = sum(1 for f in findings if f.severity == severity)
        if n:
            word = SEVERITY_WORDS[severity].lower()
            parts.append(f"{n} {word}{'s' if n != 1 else ''}")
    return ", ".join(parts) if parts else "nothing to fix"


def _report_heading(info: ReportInfo) -> str:
    name = info.source or info.iri
    session = ": ".join(part for part in (info.session, info.title) if part)
    return f"{name} (session {session})" if session else name


def render_text(outcome: ValidationOutcome, *, fail_on: str = "violation") -> str:
    marks = _symbols()
    lines: list[str] = []
    for info, findings in _grouped(outcome):
        lines.append(_report_heading(info))
        lines.append(f"  {info.iri}")
        if not findings:
            lines.append("  Complete: every check passed.")
            lines.append("")
            continue
        lines.append(f"  {_counts(findings)}")
        for section, items in _by_section(findings):
            lines.append("")
            lines.append(f"  {SECTION_TITLES.get(section, section)}")
            for f, places in _same_message(items):
                lines.append(textwrap.fill(
                    f.message, width=WIDTH, break_long_words=False, break_on_hyphens=False,
                    initial_indent=f"    {marks[f.severity]} {SEVERITY_WORDS[f.severity]}: ",
                    subsequent_indent="      "))
                lines.extend(f"      in {place}" for place in places)
        lines.append("")
    lines.append(_verdict(outcome, fail_on))
    return "\n".join(lines) + "\n"


def _verdict(outcome: ValidationOutcome, fail_on: str) -> str:
    n = len(outcome.reports) or len({f.report for f in outcome.findings})
    if n == 0:
        return "No reports in the store: nothing to validate."
    head = f"{n} report{'s' if n != 1 else ''} validated: {_counts(outcome.findings)}."
    if outcome.fails(fail_on):
        level = "a violation" if fail_on == "violation" else f"a {fail_on} or worse"
        return f"{head} Not passed: at least one finding is {level}."
    if outcome.conforms:
        return f"{head} Conforms."
    return f"{head} Passed at --fail-on {fail_on}."


_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; margin: 2em auto; max-width: 52em;
       color: #111; line-height: 1.4; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 2px solid #444; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.4em; }
.iri { font-family: monospace; font-size: 0.85em; color: #555; word-break: break-all; }
.summary { margin: 0.3em 0 1em; }
ul.findings { list-style: none; padding-left: 0; margin: 0; }
ul.findings li { border-left: 6px solid #999; padding: 0.4em 0.7em; margin: 0.4em 0;
                 background: #f7f7f7; page-break-inside: avoid; break-inside: avoid; }
li.violation { border-color: #b00020; }
li.warning { border-color: #c77700; }
li.info { border-color: #1f5fa8; }
.sev { font-weight: bold; font-family: sans-serif; font-size: 0.85em; text-transform: uppercase;
       margin-right: 0.4em; }
li.violation .sev { color: #b00020; }
li.warning .sev { color: #8a5200; }
li.info .sev { color: #1f5fa8; }
.where { display: block; font-size: 0.9em; color: #444; margin-top: 0.2em; }
.ok { color: #1b6e20; font-weight: bold; }
.verdict { margin-top: 2em; font-weight: bold; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { page-break-before: auto; page-break-after: avoid; }
  ul.findings li { background: none; }
}
"""


def render_html(outcome: ValidationOutcome, *, fail_on: str = "violation") -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<title>migkg validation report</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<h1>Report completeness check</h1>",
        f'<p class="summary">{e(_verdict(outcome, fail_on))}</p>',
    ]
    for info, findings in _grouped(outcome):
        parts.append(f"<h2>{e(_report_heading(info))}</h2>")
        parts.append(f'<div class="iri">{e(info.iri)}</div>')
        if not findings:
            parts.append('<p class="ok">Complete: every check passed.</p>')
            continue
        parts.append(f'<p class="summary">{e(_counts(findings))}</p>')
        for section, items in _by_section(findings):
            parts.append(f"<h3>{e(SECTION_TITLES.get(section, section))}</h3>")
            parts.append('<ul class="findings">')
            for f, places in _same_message(items):
                where = "".join(f'<span class="where">in {e(p)}</span>' for p in places)
                parts.append(
                    f'<li class="{e(f.severity)}"><span class="sev">'
                    f"{e(SEVERITY_WORDS[f.severity])}</span>{e(f.message)}{where}</li>"
                )
            parts.append("</ul>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


__all__ = ["FORMATS", "SECTION_TITLES", "render", "render_html", "render_json", "render_text"]
