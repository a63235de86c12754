"""HTML renderers: a web page with site navigation, banner, sidebar and footer around its
<main> (.html), and a page as Word's 'Save as Web Page' writes it, in windows-1252 (.htm)."""

from __future__ import annotations

import random
from html import escape

from .compose import fragments
from .model import Report


def _colon(report: Report, text: str) -> str:
    return f"{text}&nbsp;:" if report.lang == "fr" else f"{text}:"


def _sections_html(report: Report, rng: random.Random) -> list[str]:
    out: list[str] = []
    wrap = rng.random() < 0.6
    for key in report.order:
        if wrap:
            out.append(f'<section id="{key}">')
        out.append(f"  <h2>{escape(report.heading(key))}</h2>")
        if key == "summary":
            out += [f"  <p>{escape(p)}</p>" for p in report.summary]
        elif key == "challenges":
            tag = rng.choice(["ul", "ol"])
            out.append(f"  <{tag}>")
            for group in report.challenges:
                items = [f"<li>{escape(i)};</li>" for i in group.items]
                if group.wording:
                    out += [f"    <li>{_colon(report, escape(group.wording))}", "      <ul>",
                            *[f"        {i}" for i in items], "      </ul>", "    </li>"]
                else:
                    out += [f"    {i}" for i in items]
            out.append(f"  </{tag}>")
        elif key == "practices":
            as_list = rng.random() < 0.5
            for group in report.practices:
                if group.wording and report.practice_style == "subheading":
                    out.append(f"  <h3>{escape(group.wording)}</h3>")
                if as_list:
                    out.append("  <ul>")
                level = report.level_label(group)
                for item in group.items:
                    label = f"<b>{_colon(report, escape(level))}</b> " if level else ""
                    lead = (f"<b>{escape(item.lead)}.</b>" if report.bold_lead
                            else f"{escape(item.lead)}.")
                    body = f"{label}{lead} {escape(item.text)}"
                    out.append(f"    <li>{body}</li>" if as_list else f"  <p>{body}</p>")
                if as_list:
                    out.append("  </ul>")
        elif key in ("gcm", "agenda2030"):
            out += [f"  <p>{escape(p)}</p>" for p in getattr(report, key)]
        elif key == "quotes":
            if report.reminder:
                out.append(f"  <p><em>{escape(report.reminder)}</em></p>")
            for quote in report.quotes:
                out += ["  <figure>", f"    <blockquote>\u201c{escape(quote.text)}\u201d"
                        "</blockquote>", f"    <figcaption>\u2014 {escape(quote.attribution)}"
                        "</figcaption>", "  </figure>"]
        if wrap:
            out.append("</section>")
    return out


def site_page(report: Report) -> bytes:
    """A page of a web site: cookie notice, banner and navigation, breadcrumb, the report
    in <main><article>, a sidebar and a footer."""
    rng = random.Random(report.extras["seed"] + "html")
    site = fragments()["website"]
    name = rng.choice(site["site_names"])
    title = f"{report.session_label}: {report.topic}"
    labels = report.field_labels
    out = ["<!DOCTYPE html>", f'<html lang="{report.lang}">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(title)} | {escape(name)}</title>",
           '<link rel="stylesheet" href="/assets/site.css">', "</head>", "<body>",
           f'<div class="cookie-notice" role="dialog"><p>{escape(site["cookie"])}</p>'
           "<button>Accept all</button></div>",
           '<header class="site-header">', f'  <p class="site-name">{escape(name)}</p>',
           '  <nav class="main-nav"><ul>',
           *[f'    <li><a href="/{item.lower().replace(" ", "-")}">{item}</a></li>'
             for item in site["nav"]],
           "  </ul></nav>", "</header>",
           '<nav class="breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/events">'
           f"Events</a></li><li>{escape(report.event)}</li></ol></nav>",
           "<main>", '<article class="report">', f"  <h1>{escape(title)}</h1>",
           f'  <p class="disclaimer"><em>{escape(report.disclaimer)}</em></p>',
           f"  <p><strong>{escape(labels['event'])}:</strong> {escape(report.event)}, "
           f"{escape(report.city)}<br>",
           f"  <strong>{escape(labels['session'])}:</strong> {escape(report.session_label)} "
           f"\u2013 {escape(report.topic)}<br>",
           f"  <strong>{escape(labels['rapporteur'])}:</strong> {escape(report.rapporteur)}<br>",
           f"  <strong>{escape(labels['date'])}:</strong> {escape(report.date_text)}</p>",
           *_sections_html(report, rng),
           '  <ul class="share"><li><a href="#">Share</a></li><li><a href="#">Print</a></li></ul>',
           "</article>", "</main>",
           '<aside class="sidebar">', f"  <h2>{escape(rng.choice(site['sidebar']))}</h2>",
           '  <ul><li><a href="/reports/1">Earlier session report</a></li>'
           '<li><a href="/reports/2">Regional review highlights</a></li></ul>', "</aside>",
           '<footer class="site-footer">',
           *[f"  <p>{escape(line)}</p>" for line in site["footer"]], "</footer>",
           "</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


_BULLET = ("<p class={cls} style='margin-left:{left}pt;text-indent:-18.0pt;mso-list:l0 "
           "level{level} lfo1'><![if !supportLists]><span style='font-family:{font}'>"
           "<span style='mso-list:Ignore'>{mark}<span style='font:7.0pt \"Times New Roman\"'>"
           "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>{text}<o:p></o:p></p>")


def _word_item(level: int, text: str) -> str:
    font, mark = ("Symbol", "\u00b7") if level == 1 else ('"Courier New"', "o")
    return _BULLET.format(cls="MsoListParagraphCxSpMiddle", left=36 * level, level=level,
                          font=font, mark=mark, text=text)


def word_page(report: Report) -> bytes:
    """The report as Word's 'Save as Web Page' writes it: MsoNormal paragraphs, <h1>
    headings, list paragraphs with mso-list bullets, in windows-1252."""
    labels = report.field_labels
    out = ['<html xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:w="urn:schemas-microsoft-com:office:word" '
           'xmlns="http://www.w3.org/TR/REC-html40">', "<head>",
           "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">",
           "<meta name=Generator content=\"Microsoft Word 15\">",
           f"<title>{escape(report.event)} \u2013 {escape(report.session_label)}</title>",
           "<style>\n<!--\np.MsoNormal {margin:0cm;margin-bottom:8.0pt;font-size:11.0pt;}\n"
           "@list l0:level1 {mso-level-number-format:bullet;}\n-->\n</style>", "</head>",
           f"<body lang={report.lang.upper()}>", "<div class=WordSection1>",
           f"<p class=MsoNormal><i>{escape(report.disclaimer)}<o:p></o:p></i></p>",
           "<p class=MsoNormal align=center style='text-align:center'><b>"
           f"<span style='font-size:14.0pt'>{escape(report.event)}<o:p></o:p></span></b></p>",
           f"<p class=MsoNormal align=center style='text-align:center'>{escape(report.doc_title)}"
           "<o:p></o:p></p>"]
    for label, value in ((labels["rapporteur"], report.rapporteur),
                         (labels["session"], f"{report.session_label} \u2013 {report.topic}"),
                         (labels["date"], report.date_text)):
        out.append(f"<p class=MsoNormal><b>{_colon(report, escape(label))}</b> "
                   f"{escape(value)}<o:p></o:p></p>")
    for key in report.order:
        out.append(f"<h1><span lang={report.lang.upper()}>{escape(report.heading(key))}"
                   "<o:p></o:p></span></h1>")
        if key == "summary":
            out += [f"<p class=MsoNormal>{escape(p)}<o:p></o:p></p>" for p in report.summary]
        elif key == "challenges":
            for group in report.challenges:
                if group.wording:
                    out.append(_word_item(1, _colon(report, escape(group.wording))))
                out += [_word_item(2 if group.wording else 1, f"{escape(i)}&nbsp;;"
                                   if report.lang == "fr" else f"{escape(i)};")
                        for i in group.items]
        elif key == "practices":
            for group in report.practices:
                if group.wording and report.practice_style == "subheading":
                    out.append(f"<p class=MsoNormal><u>{escape(group.wording)}<o:p></o:p></u></p>")
                level = report.level_label(group)
                for item in group.items:
                    label = f"<b>{_colon(report, escape(level))}</b> " if level else ""
                    lead = _colon(report, escape(item.lead))
                    lead = f"<b>{lead}</b>" if report.bold_lead else lead
                    out.append(f"<p class=MsoNormal>{label}{lead} {escape(item.text)}"
                               "<o:p></o:p></p>")
        elif key in ("gcm", "agenda2030"):
            out += [f"<p class=MsoNormal>{escape(p)}<o:p></o:p></p>"
                    for p in getattr(report, key)]
        elif key == "quotes":
            if report.reminder:
                out.append(f"<p class=MsoNormal><i>{escape(report.reminder)}<o:p></o:p></i></p>")
            for quote in report.quotes:
                out += [f"<p class=MsoNormal>{_colon(report, escape(quote.attribution))}"
                        "<o:p></o:p></p>",
                        f"<p class=MsoQuote>\u201c{escape(quote.text)}\u201d<o:p></o:p></p>"]
    out += ["</div>", "</body>", "</html>"]
    return ("\r\n".join(out) + "\r\n").encode("windows-1252", errors="xmlcharrefreplace")
