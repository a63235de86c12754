"""Plain-text renderers: Markdown, plain text (hard-wrapped, underlined headings), the
tab-separated template export, and the e-mailed note (.eml)."""

from __future__ import annotations

import csv
import io
import random
import textwrap
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from .compose import fragments
from .model import Report


def _field_lines(report: Report) -> list[tuple[str, str]]:
    labels = report.field_labels
    return [(labels["rapporteur"], report.rapporteur),
            (labels["session"], f"{report.session_label} - {report.topic}"),
            (labels["date"], report.date_text)]


def _colon(report: Report, text: str) -> str:
    """A label ending in a colon, with French typography's space before it."""
    return f"{text}\u00a0:" if report.lang == "fr" else f"{text}:"


def markdown(report: Report) -> bytes:
    """The report as Markdown: '#' headings, '-'/'*' or numbered lists, '>' quotes."""
    rng = random.Random(report.extras["seed"])
    out = [f"*{report.disclaimer}*", "", f"# {report.event}", "",
           f"{report.city}, {report.date_text} - {report.doc_title}", ""]
    if report.variant == "table-header":
        out += ["| | |", "| --- | --- |"]
        out += [f"| {label} | {value} |" for label, value in _field_lines(report)]
    else:
        out += [f"**{label}:** {value}" for label, value in _field_lines(report)]
    out.append("")
    if report.reminder:
        out += [f"*{report.reminder}*", ""]
    bullet = rng.choice(["-", "*"])
    level_style = rng.choice(["italic", "heading"])
    for key in report.order:
        out += [f"## {report.heading(key)}", ""]
        if key == "summary":
            for par in report.summary:
                out += [par, ""]
        elif key == "challenges":
            numbered = rng.random() < 0.3
            count = 0
            for group in report.challenges:
                if group.wording:
                    if numbered:
                        out += [f"**{group.wording}**", ""]
                    else:
                        out.append(f"{bullet} {_colon(report, group.wording)}")
                for item in group.items:
                    count += 1
                    if numbered:
                        out.append(f"{count}. {item};")
                    else:
                        indent = "  " if group.wording else ""
                        out.append(f"{indent}{bullet} {item};")
                out.append("")
        elif key == "practices":
            for group in report.practices:
                if group.wording and report.practice_style == "subheading":
                    out += [f"*{group.wording}*" if level_style == "italic"
                            else f"### {group.wording}", ""]
                level = report.level_label(group)
                for item in group.items:
                    label = f"**{_colon(report, level)}** " if level else ""
                    lead = f"**{item.lead}:**" if report.bold_lead else f"{item.lead}:"
                    out.append(f"{bullet} {label}{lead} {item.text}")
                out.append("")
        elif key in ("gcm", "agenda2030"):
            for par in getattr(report, key):
                out += [par, ""]
        elif key == "quotes":
            for quote in report.quotes:
                out += [f"> \"{quote.text}\"", ">", f"> -- {quote.attribution}", ""]
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def _wrap(text: str, indent: str = "", hang: str | None = None, width: int = 76) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent,
                         subsequent_indent=indent if hang is None else hang) or [indent]


def plain_body(report: Report, *, underline: bool, width: int = 76) -> list[str]:
    """The sections as hard-wrapped plain text (used by .txt and .eml)."""
    rng = random.Random(report.extras["seed"] + "plain")
    out: list[str] = []
    outer, inner = rng.choice([("\u2022", "o"), ("*", "-"), ("-", "*")])
    for key in report.order:
        heading = report.heading(key)
        if underline:
            heading = heading.upper()
            out += ["", heading, rng.choice("=-") * len(heading), ""]
        else:
            out += ["", "", heading, ""]
        if key == "summary":
            for par in report.summary:
                out += [*_wrap(par, width=width), ""]
        elif key == "challenges":
            for group in report.challenges:
                if group.wording:
                    out.append(f"   {outer} {_colon(report, group.wording)}")
                    for item in group.items:
                        out += _wrap(f"{inner}   {item};", "        ", "            ", width)
                else:
                    for item in group.items:
                        out += _wrap(f"{outer} {item};", "  ", "    ", width)
            out.append("")
        elif key == "practices":
            for group in report.practices:
                if group.wording and report.practice_style == "subheading":
                    out.append(group.wording)
                level = report.level_label(group)
                for item in group.items:
                    label = f"{_colon(report, level)} " if level else ""
                    out += _wrap(f"{inner} {label}{item.lead}: {item.text}", "  ", "    ", width)
                out.append("")
        elif key in ("gcm", "agenda2030"):
            for par in getattr(report, key):
                out += [*_wrap(par, width=width), ""]
        elif key == "quotes":
            if report.reminder:
                out += [*_wrap(report.reminder, width=width), ""]
            for quote in report.quotes:
                out += _wrap(f"\"{quote.text}\"", "  ", "   ", width)
                out += [f"     -- {quote.attribution}", ""]
    return out


def plain_text(report: Report) -> bytes:
    """The report as plain text, or (variant 'tabbed') as a tab-separated export."""
    if report.variant == "tabbed":
        return tabbed(report)
    out = [report.event.upper(), f"{report.city}, {report.date_text}", "",
           report.doc_title, ""]
    width = max(len(label) for label, _ in _field_lines(report)) + 2
    out += [f"{label + ':':<{width}}{value}" for label, value in _field_lines(report)]
    out += ["", *_wrap(report.disclaimer)]
    out += plain_body(report, underline=True)
    return ("\n".join(out).rstrip() + "\n").encode("utf-8")


def tabbed(report: Report) -> bytes:
    """A spreadsheet's tab-separated export of the template: one row per field."""
    buffer = io.StringIO()
    sheet = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    labels = report.field_labels
    sheet.writerow(["Item", "Rapporteur input"])
    sheet.writerow(["Note", report.disclaimer])
    sheet.writerow([labels["event"], f"{report.event}, {report.city}"])
    sheet.writerow([labels["session"], f"{report.session_label} - {report.topic}"])
    sheet.writerow([labels["rapporteur"], report.rapporteur])
    sheet.writerow([labels["date"], report.date_text])
    for key in report.order:
        lines: list[str] = []
        if key == "summary":
            lines = report.summary
        elif key == "challenges":
            for group in report.challenges:
                if group.wording:
                    lines.append(_colon(report, group.wording))
                lines += [f"- {item};" for item in group.items]
        elif key == "practices":
            for group in report.practices:
                if group.wording and report.practice_style == "subheading":
                    lines.append(_colon(report, group.wording))
                level = report.level_label(group)
                for item in group.items:
                    label = f"{_colon(report, level)} " if level else ""
                    lines.append(f"- {label}{item.lead}: {item.text}")
        elif key in ("gcm", "agenda2030"):
            lines = getattr(report, key)
        elif key == "quotes":
            lines = [f"{q.attribution}: \"{q.text}\"" for q in report.quotes]
        sheet.writerow([report.headings[key], "\n".join(lines)])
    return buffer.getvalue().encode("utf-8")


def email_note(report: Report) -> bytes:
    """The report e-mailed: headers, a greeting, perhaps a forwarded message, the write-up
    as plain text and a signature; quoted-printable, with fixed Date and Message-ID."""
    rng = random.Random(report.extras["seed"] + "eml")
    frag = fragments()["email"][report.lang]
    sender = report.rapporteur
    people = fragments()
    recipient = f"{rng.choice(people['given_names'])} {rng.choice(people['family_names'])}"
    sent = datetime(report.when.year, report.when.month, report.when.day, 9, 0,
                    tzinfo=UTC) + timedelta(days=rng.randint(1, 5),
                                                     minutes=rng.randint(0, 600))

    def address(name: str) -> str:
        local = name.lower().replace(" ", ".").encode("ascii", "ignore").decode()
        return f"{name} <{local}@example.org>"

    message = EmailMessage()
    message["From"] = address(sender)
    message["To"] = address(recipient)
    message["Date"] = format_datetime(sent)
    message["Subject"] = rng.choice(frag["subjects"]).format(session=report.session_label)
    message["Message-ID"] = f"<synth.{report.stem}@mail.example.org>"
    body = [rng.choice(frag["greetings"]).format(name=recipient.split()[0]), "",
            *_wrap(rng.choice(frag["intros"]), width=72), ""]
    if rng.random() < 0.5:
        body += [frag["forwarded"], f"From: {address(sender)}",
                 f"Date: {format_datetime(sent - timedelta(days=1))}",
                 f"Subject: {report.session_label}", f"To: {address(recipient)}", ""]
    body += [*_wrap(report.disclaimer, width=72), "", report.event,
             f"{report.session_label} - {report.topic}"]
    body += [f"{label}: {value}" for label, value in _field_lines(report)[::2]]
    body += plain_body(report, underline=False, width=72)
    body += ["", rng.choice(frag["sign_offs"]), sender.split()[0], "", "-- ", sender,
             f"{report.field_labels['rapporteur']}, {report.session_label}"]
    message.set_content("\n".join(body).rstrip() + "\n", cte="quoted-printable")
    return bytes(message)
