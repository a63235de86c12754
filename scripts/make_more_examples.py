"""Build the second set of generated example reports in ``examples/``.

These examples test whether the loader generalises beyond the template it was built on, so
each one bends the template the way real rapporteurs do. This script builds the files that
cannot sensibly be written by hand:

- ``gfmd2021_rt2_1_future_of_work.docx``: real Word numbering (``w:numPr`` with
  ``numId``/``ilvl``, a numbering part with decimal, lowerLetter and bullet levels);
  auto-numbered section headings, so the "1." is not in the text.
- ``gfmd2018_rt3_1_children_on_the_move.docx``: sections in another order, headings as
  bold paragraphs, a horizontal metadata table, bold inline level labels.
- ``aprr2024_rt3_smuggling_trafficking.pdf``: running header and "Page N of M" footer on
  every page (reportlab, invariant mode).
- ``imrf2022_rt3_note_by_email.eml``: an RFC 5322 message with a quoted-printable
  text/plain body, a signature and a forwarded message.
- ``gcm_rr_afrique2021_tr2_retour_reintegration.htm``: a French report as Word's
  "Save as Web Page" writes it, in windows-1252.

    .venv/bin/python scripts/make_more_examples.py            # writes into examples/
    .venv/bin/python scripts/make_more_examples.py --out DIR  # writes elsewhere

Outputs are reproducible byte for byte: fixed core properties and zip timestamps for the
.docx files, reportlab's invariant mode for the PDF, fixed headers for the e-mail.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from make_examples import _docx_modules, _fix_metadata, _markup, _save_reproducible, split_lead

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


# ---------------------------------------------------------------------------------------
# Word numbering
# ---------------------------------------------------------------------------------------

def _abstract_num(abstract_id: str, levels: list[tuple[str, str, int]]):
    """A w:abstractNum with one w:lvl per (numFmt, lvlText, left indent) entry."""
    _, OxmlElement, qn, *_ = _docx_modules()
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    mlt = OxmlElement("w:multiLevelType")
    mlt.set(qn("w:val"), "hybridMultilevel")
    abstract.append(mlt)
    for ilvl, (fmt, text, left) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, val in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text),
                         ("w:lvlJc", "left")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            lvl.append(el)
        ppr = OxmlElement("w:pPr")
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(left))
        ind.set(qn("w:hanging"), "360")
        ppr.append(ind)
        lvl.append(ppr)
        if fmt == "bullet":
            rpr = OxmlElement("w:rPr")
            fonts = OxmlElement("w:rFonts")
            font = "Symbol" if text == "\uf0b7" else "Courier New"
            fonts.set(qn("w:ascii"), font)
            fonts.set(qn("w:hAnsi"), font)
            fonts.set(qn("w:hint"), "default")
            rpr.append(fonts)
            lvl.append(rpr)
        abstract.append(lvl)
    return abstract


def _add_numberings(document, defs: dict[str, list[tuple[str, str, int]]]) -> dict[str, int]:
    """Add one abstractNum + num per entry of defs; return name -> numId."""
    _, OxmlElement, qn, *_ = _docx_modules()
    numbering = document.part.numbering_part.element
    ids = {}
    for index, (name, levels) in enumerate(defs.items()):
        abstract_id = str(80 + index)
        abstract = _abstract_num(abstract_id, levels)
        # abstractNum elements must come before any num element.
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
        num = OxmlElement("w:num")
        num.set(qn("w:numId"), abstract_id)
        ref = OxmlElement("w:abstractNumId")
        ref.set(qn("w:val"), abstract_id)
        num.append(ref)
        numbering.append(num)
        ids[name] = int(abstract_id)
    return ids


def _number(par, num_id: int, ilvl: int) -> None:
    """Attach w:numPr (ilvl, numId) to a paragraph."""
    _, OxmlElement, qn, *_ = _docx_modules()
    ppr = par._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numpr.append(lvl)
    numpr.append(nid)
    ppr.append(numpr)


def _runs(par, text: str) -> None:
    lead, rest = split_lead(text)
    if lead:
        par.add_run(lead).bold = True
    par.add_run(rest)


# ---------------------------------------------------------------------------------------
# 1. GFMD 2021: Word numbering everywhere
# ---------------------------------------------------------------------------------------

FUTURE_OF_WORK = {
    "file": "gfmd2021_rt2_1_future_of_work.docx",
    "title": "GFMD 2020-2021, RT 2.1 rapporteur report (illustrative example)",
    "heading": "GFMD 2020-2021 \u2013 Thirteenth Summit",
    "place_date": "Dubai (virtual), 26 January 2021",
    "disclaimer": "Illustrative example written for the migkg project; not an official GFMD "
                  "document, and the speakers are invented.",
    "meta": "Rapporteur: Farid Okonkwo-Lindahl | Session: RT 2.1 Migrant workers and the "
            "future of work after COVID-19 | Date: 26 January 2021",
    "summary": [
        "The roundtable, co-chaired by the United Arab Emirates and the Philippines, looked at "
        "how the pandemic has changed the demand for migrant workers and what governments of "
        "origin and destination can do to keep labour mobility fair while economies recover. "
        "The ILO and IOM acted as resource organisations; employers, trade unions and two "
        "migrant associations took part.",
        "Speakers agreed that the crisis exposed how much essential sectors rely on migrant "
        "labour, from health care to food delivery, and how little protection many of these "
        "workers had when their contracts ended. The work of the Abu Dhabi Dialogue on skills "
        "and on technology in recruitment was mentioned several times as a starting point.",
    ],
    # (bold category line, [(numbered challenge, [lettered sub-points])])
    "challenges": [
        ("Economic and labour market", [
            ("Sudden job losses in hospitality, construction and domestic work left many "
             "workers without income and unable to travel home.", [
                 "final wages and end-of-service benefits often went unpaid when contracts "
                 "were cut short;",
                 "households in countries of origin that depend on remittances lost their "
                 "main income.",
             ]),
            ("Automation and platform work are reducing demand in some occupations that employ "
             "many migrants, while new jobs require skills few workers can prove.", []),
        ]),
        ("Skills and information", [
            ("Countries of origin rarely know which skills their returning workers bring "
             "back.", [
                 "certificates earned abroad are not recognised at home;",
                 "public employment services keep no records on returnees.",
             ]),
            ("Online training and job-matching tools exclude workers without a smartphone or "
             "affordable data.", []),
        ]),
        ("Rights and protection", [
            ("Where a worker\u2019s residence status depends on one employer, changing jobs or "
             "reporting abuse remains risky.", []),
            ("Domestic workers are still outside the scope of labour laws in several "
             "destination countries.", []),
        ]),
    ],
    "practices": [
        ("National level", [
            "**Wage protection:** the Wage Protection System of the United Arab Emirates, in "
            "place since 2009, made it possible to trace unpaid salaries during the crisis.",
            "**Labour reform in Qatar:** the 2020 reforms removed the need for an employer\u2019s "
            "permission to change jobs and set a minimum wage of 1,000 riyals a month, with "
            "allowances for food and housing on top.",
            "**Skills mapping of returnees:** India registered the skills of returning workers "
            "in the SWADES database, launched in May 2020, to link them with employers at "
            "home.",
        ]),
        ("Regional level", [
            "**Skills certification in the Gulf corridors:** members of the Abu Dhabi Dialogue "
            "discussed a pilot on the certification and mutual recognition of skills with "
            "countries of origin that also belong to the Colombo Process.",
        ]),
        ("Global level", [
            "**Domestic work standards:** participants encouraged the ratification of ILO "
            "Convention No. 189 on domestic workers, adopted in 2011.",
        ]),
        ("Innovation", [
            "**Verified digital contracts:** officials from the Philippines described an "
            "e-contract platform that lets workers see and confirm their contract before "
            "departure, so that it cannot be replaced by another one on arrival.",
        ]),
    ],
    "gcm": "The discussion relates most directly to Objective 6 (fair and ethical recruitment "
           "and decent work) and Objective 18 (skills development and mutual recognition of "
           "skills). The loss of end-of-service benefits concerns Objective 22 on the "
           "portability of social security entitlements, and the situation of workers "
           "stranded by border closures Objective 7. Participants asked the GFMD to bring the "
           "pilot on skills certification to the regional reviews of the Compact that start "
           "this year.",
    "agenda2030": "Decent work for migrant workers supports SDG target 8.8, and fair "
                  "recruitment and skills recognition support target 10.7. The training and "
                  "certification of workers\u2019 skills contribute to target 4.4.",
    "quotes": [
        ("Speaker: Ms. Mariam Al Suwaidi-Haugen, Ministry of Human Resources and "
         "Emiratisation, United Arab Emirates (named with her approval)",
         "\u201cThe pandemic showed us who keeps a city running. Our rules now have to show "
         "it too.\u201d"),
        (None,
         "\u201cA skill that cannot be proven at the border might as well not exist.\u201d "
         "(Anonymous, trade union federation)"),
    ],
}

SECTION_TITLES_EN = [
    "Summary/Main discussion points",
    "Challenges",
    "Opportunities / good practices / innovations for the way forward",
    "Relevance to the Global Compact for Migration and its follow-up, implementation and "
    "review",
    "Contributions to the achievement of the Agenda 2030",
    "Inspiring quotes",
]


def build_numbered_docx(content: dict, path: Path) -> None:
    docx, OxmlElement, qn, Pt, _, WD_ALIGN_PARAGRAPH = _docx_modules()
    document = docx.Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)
    ids = _add_numberings(document, {
        "sections": [("decimal", "%1.", 360)],
        "challenges": [("decimal", "%1.", 720), ("lowerLetter", "%2)", 1440)],
        "bullets": [("bullet", "\uf0b7", 720), ("bullet", "o", 1440)],
    })

    par = document.add_paragraph()
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.add_run(content["heading"]).bold = True
    par = document.add_paragraph(content["place_date"])
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph().add_run(content["disclaimer"]).italic = True
    document.add_paragraph(content["meta"])

    def section(index: int):
        heading = document.add_heading(SECTION_TITLES_EN[index], level=1)
        _number(heading, ids["sections"], 0)

    section(0)
    for text in content["summary"]:
        document.add_paragraph(text)

    section(1)
    for category, items in content["challenges"]:
        document.add_paragraph().add_run(category).bold = True
        for text, subs in items:
            par = document.add_paragraph(text, style="List Paragraph")
            _number(par, ids["challenges"], 0)
            for sub in subs:
                par = document.add_paragraph(sub, style="List Paragraph")
                _number(par, ids["challenges"], 1)

    section(2)
    for level, items in content["practices"]:
        document.add_heading(level, level=2)
        for text in items:
            par = document.add_paragraph(style="List Paragraph")
            _number(par, ids["bullets"], 0)
            _runs(par, text)

    section(3)
    document.add_paragraph(content["gcm"])
    section(4)
    document.add_paragraph(content["agenda2030"])
    section(5)
    for speaker, quote in content["quotes"]:
        if speaker:
            document.add_paragraph(speaker)
        document.add_paragraph(quote, style="Quote")

    _fix_metadata(document, content["title"], "en-GB")
    _save_reproducible(document, path)


# ---------------------------------------------------------------------------------------
# 2. GFMD 2018: sections reordered and renamed, bold-paragraph headings
# ---------------------------------------------------------------------------------------

CHILDREN = {
    "file": "gfmd2018_rt3_1_children_on_the_move.docx",
    "title": "GFMD 2018, RT 3.1 report (illustrative example)",
    "heading": "Eleventh GFMD Summit, Marrakesh \u2013 Roundtable report",
    "disclaimer": "This is an illustrative example written for the migkg project. It is not "
                  "an official GFMD document; the rapporteur and the speakers are invented.",
    "meta": [("Roundtable", "Rapporteur", "Date"),
             ("RT 3.1 \u2013 Protecting children on the move", "Luc\u00eda Brennan-Achebe",
              "6 December 2018")],
    "sections": [
        ("1. Summary of the discussion", "paragraphs", [
            "Government delegates from countries of origin, transit and destination in "
            "Central America, North Africa and Europe met with UNICEF, UNHCR, IOM and "
            "child-rights organisations. The session took place a few days before the "
            "intergovernmental conference that is to adopt the Global Compact for Migration "
            "in this same city, and many speakers framed their remarks with that in mind.",
            "UNICEF recalled that about 31 million children live outside their country of "
            "birth, and that unaccompanied and separated children are the most exposed to "
            "trafficking and detention. Participants agreed that children should be treated "
            "as children first, whatever their migration status.",
        ]),
        ("2. What works: practices and opportunities", "paragraphs", [
            "**National:** Mexico described how the child protection offices created under "
            "its 2014 General Law on the Rights of Girls, Boys and Adolescents now take part "
            "in the decisions on every migrant child identified by the immigration "
            "authorities.",
            "**National:** Italy\u2019s 2017 law on unaccompanied foreign minors set up lists "
            "of volunteer guardians trained by the regional ombudspersons for children, and "
            "forbids turning unaccompanied children back at the border.",
            "**Regional:** Guatemala, Honduras and El Salvador presented their joint "
            "procedures for receiving returned children at the border, based on the "
            "guidelines adopted within the Regional Conference on Migration (Puebla "
            "Process), with support from UNICEF and IOM.",
            "**Regional:** the Council of Europe\u2019s Action Plan on protecting refugee and "
            "migrant children (2017-2019) was cited as a model for pooling the training of "
            "guardians among European states.",
            "**Global:** several delegations supported the commitment in the draft Compact to "
            "work to end the immigration detention of children.",
            "**Innovation:** IOM and UNICEF presented a case-management tool that lets child "
            "protection officers in different countries follow a child\u2019s file across "
            "borders, with the child\u2019s consent.",
        ]),
        ("3. Voices from the room", "quotes", [
            ("\u201cA child in a detention centre is a child first and a migrant second. Our "
             "laws had it the other way round.\u201d",
             "\u2014 delegate of a Central American state"),
            ("\u201cWe do not need more reports on these children. We need guardians.\u201d",
             "\u2014 Ms. Nadia Bennani-Sorensen, child-rights network, Morocco (quoted with "
             "her agreement)"),
        ]),
        ("4. Challenges", "grouped", [
            ("Protection", [
                "Age assessment methods vary and are often unreliable, so that some children "
                "are treated as adults.",
                "Immigration detention of children, including with their families, continues "
                "in several countries of transit and destination.",
            ]),
            ("Institutional", [
                "Child protection and immigration authorities rarely share information or "
                "procedures.",
                "Guardians are appointed late, sometimes months after a child arrives.",
            ]),
            ("Capacity and data", [
                "Few countries collect data on migrant children disaggregated by age, sex and "
                "whether they travel alone.",
            ]),
            ("Perceptions", [
                "Media coverage that presents adolescent boys as a security threat erodes "
                "public support for their protection.",
            ]),
        ]),
        ("5. Link to the Global Compact for Migration", "paragraphs", [
            "Although the Compact will only be adopted next week, speakers referred throughout "
            "to its objectives: Objective 7 on reducing vulnerabilities in migration, "
            "Objective 13 on using immigration detention only as a last resort and working "
            "towards alternatives, and Objective 1 on disaggregated data. Several delegations "
            "quoted the guiding principle that the Compact is child-sensitive.",
        ]),
        ("6. Link to the 2030 Agenda", "paragraphs", [
            "Ending the abuse, exploitation and trafficking of children is SDG target 16.2. "
            "Birth registration for children born in transit, raised by two delegations, "
            "falls under target 16.9 on legal identity for all.",
        ]),
    ],
}


def build_reordered_docx(content: dict, path: Path) -> None:
    docx, OxmlElement, qn, Pt, _, _ = _docx_modules()
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    ids = _add_numberings(document, {"bullets": [("bullet", "\uf0b7", 720)]})

    par = document.add_paragraph()
    run = par.add_run(content["heading"])
    run.bold = True
    run.font.size = Pt(13)
    document.add_paragraph().add_run(content["disclaimer"]).italic = True

    header, values = content["meta"]
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for cell, text in zip(table.rows[1].cells, values, strict=True):
        cell.paragraphs[0].add_run(text)
    document.add_paragraph()

    for heading, kind, body in content["sections"]:
        par = document.add_paragraph()
        run = par.add_run(heading)
        run.bold = True
        run.font.size = Pt(11)
        if kind == "paragraphs":
            for text in body:
                _runs(document.add_paragraph(), text)
        elif kind == "quotes":
            for quote, attribution in body:
                document.add_paragraph().add_run(quote).italic = True
                document.add_paragraph(attribution)
        else:
            for category, items in body:
                document.add_paragraph().add_run(category).bold = True
                for text in items:
                    par = document.add_paragraph(text, style="List Paragraph")
                    _number(par, ids["bullets"], 0)

    _fix_metadata(document, content["title"], "en-GB")
    _save_reproducible(document, path)


# ---------------------------------------------------------------------------------------
# 3. APRR 2024: PDF with running header and "Page N of M" footer
# ---------------------------------------------------------------------------------------

SMUGGLING = {
    "file": "aprr2024_rt3_smuggling_trafficking.pdf",
    "title": "APRR 2024, Roundtable 3 rapporteur report (illustrative example)",
    "running_header": "Second Asia-Pacific Regional Review of Implementation of the GCM "
                      "\u2014 Roundtable 3",
    "running_header_right": "Rapporteur\u2019s report",
    "heading": "Roundtable 3: Saving lives and countering smuggling and trafficking in persons",
    "fields": [
        ("Rapporteur", "Kavya Lindholm-Perera"),
        ("Session", "Roundtable 3"),
        ("Held on", "6 March 2024, United Nations Conference Centre, Bangkok"),
    ],
    "disclaimer": "Illustrative example written for the migkg project; not an official ESCAP "
                  "or UN Network on Migration document. Speakers and rapporteur are invented.",
    "summary": [
        "The roundtable reviewed progress on the objectives of the Compact that deal with "
        "saving lives, smuggling of migrants and trafficking in persons, three years after the "
        "first regional review of March 2021. It was moderated by ESCAP, with UNODC and IOM as "
        "resource organisations, and brought together officials from immigration, police and "
        "social welfare ministries, prosecutors, staff of the Bali Process Regional Support "
        "Office, civil society organisations working with survivors and two researchers.",
        "Much of the discussion turned on forced criminality in scam compounds in parts of "
        "South-East Asia, where people recruited with false job offers are held and made to "
        "defraud others online. A 2023 OHCHR report estimated that at least 120,000 people in "
        "Myanmar and around 100,000 in Cambodia may have been held in such situations. "
        "Participants stressed that the victims come from across Asia and beyond, and that "
        "they are too often treated as offenders once they are rescued.",
        "Speakers also discussed the Andaman Sea and the Bay of Bengal, where Rohingya "
        "refugees continue to undertake dangerous sea journeys. UNHCR figures cited in the "
        "room put the number of people who attempted the crossing in 2023 at more than 4,500, "
        "the highest in almost a decade, with 569 people dead or missing. Delegates from "
        "coastal states described the strain that repeated disembarkations place on local "
        "authorities and host communities, while civil society speakers insisted that delays "
        "in allowing boats to land cost lives.",
        "The third thread was the gap between the number of trafficking cases investigated "
        "and the small number of convictions. UNODC\u2019s Global Report on Trafficking in "
        "Persons 2022 found that the number of detected victims fell by 11 per cent in 2020 "
        "compared with 2019, which participants read as a fall in detection rather than in "
        "trafficking itself: lockdowns closed the places where victims are usually "
        "identified, from labour inspections to shelters, while recruitment moved online.",
        "Several speakers returned to the point that smuggling and trafficking are different "
        "crimes that call for different responses. People who pay a smuggler to cross a "
        "border are not, for that reason, victims of trafficking, but many of them become "
        "victims along the way, when debts grow or when they are handed over to others. "
        "Responses that treat every irregular arrival as a security matter leave no room to "
        "find those who need protection.",
    ],
    "challenges": [
        ("Protection.", "People rescued from scam compounds are often charged with "
         "immigration or fraud offences before anyone screens them as possible victims of "
         "trafficking."),
        ("Protection.", "Search and rescue at sea is not coordinated between coastal states, "
         "and disembarkation can be delayed for weeks."),
        ("Institutional.", "Cooperation between police and prosecutors across borders depends "
         "on personal contacts rather than agreed procedures, and evidence collected in one "
         "country is often inadmissible in another."),
        ("Capacity.", "Labour inspectors and front-line officials lack the training and the "
         "tools to detect online recruitment fraud."),
        ("Data.", "Few countries share data on smuggling routes and trafficking cases in a "
         "comparable form, so that regional trends are known mostly from media reports."),
        ("Perceptions.", "Public messages that present all irregular migrants as offenders "
         "make survivors reluctant to come forward."),
    ],
    "practices": [
        ("NATIONAL", [
            "**Screening on rescue:** Thailand described how its national referral mechanism "
            "for victims of trafficking, in place since 2022, requires screening before any "
            "charge is brought against a person rescued from a scam operation.",
            "**Specialised prosecutors:** the Philippines presented the work of its Inter-Agency "
            "Council Against Trafficking, whose task forces include prosecutors trained to "
            "handle online exploitation cases.",
            "**Services on return:** Indonesia reported on the integrated service centres run "
            "by provincial governments for returning migrant workers who were trafficked.",
        ]),
        ("REGIONAL", [
            "**A regional treaty:** the ASEAN Convention Against Trafficking in Persons, "
            "Especially Women and Children, in force since 2017, was cited as the legal basis "
            "for mutual legal assistance among ASEAN member states.",
            "**Guidance and the private sector:** the Bali Process presented its policy guides "
            "on identifying victims and its work with businesses through the Bali Process "
            "Government and Business Forum.",
        ]),
        ("GLOBAL", [
            "**International standards:** speakers referred to the Smuggling of Migrants "
            "Protocol and the Trafficking in Persons Protocol, which supplement the UN "
            "Convention against Transnational Organized Crime, and to UNODC\u2019s technical "
            "support for their implementation.",
        ]),
        ("INNOVATION", [
            "**Job-offer checks:** a civil society organisation presented a messaging service "
            "through which jobseekers can check whether a recruiter or a job offer abroad is "
            "licensed before they travel.",
            "**Financial intelligence:** IOM and banks in the region described how transaction "
            "patterns help to flag accounts used by trafficking networks.",
        ]),
    ],
    "gcm": [
        "The session addressed Objective 8 (save lives and establish coordinated international "
        "efforts on missing migrants), Objective 9 (strengthen the transnational response to "
        "smuggling of migrants) and Objective 10 (prevent, combat and eradicate trafficking in "
        "persons). Screening and referral of survivors also concern Objective 7 on reducing "
        "vulnerabilities, and the call for comparable data Objective 1.",
        "Participants asked that the conclusions feed into the regional report for the second "
        "International Migration Review Forum in 2026.",
    ],
    "agenda2030": [
        "Action against trafficking contributes to SDG targets 5.2, 8.7 and 16.2, and safer "
        "regular pathways to target 10.7.",
    ],
    "quotes": [
        ("\u201cThey were promised office jobs. They got a desk, a phone and a guard at the "
         "door.\u201d", "\u2014 civil society organisation, Mekong region (anonymous)"),
        ("\u201cRescue is not the end of the case. It is the start of the victim\u2019s.\u201d",
         "\u2014 anonymous, prosecutor from a South-East Asian state"),
    ],
}


def paged_canvas(header_left: str, header_right: str, footer: str, *, rule: bool = False):
    """A reportlab Canvas class that keeps each A4 page until the end, so that the running
    header (left and right, with a rule under it if ``rule``) and the footer (``footer``
    with ``{n}`` and ``{total}``) can give the page count."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfgen import canvas as rl_canvas

    width, height = A4

    class PagedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.drawString(2.5 * cm, height - 1.4 * cm, header_left)
                self.drawRightString(width - 2.5 * cm, height - 1.4 * cm, header_right)
                if rule:
                    self.line(2.5 * cm, height - 1.55 * cm, width - 2.5 * cm,
                              height - 1.55 * cm)
                self.drawCentredString(width / 2, 1.2 * cm,
                                       footer.format(n=number, total=total))
                super().showPage()
            super().save()

    return PagedCanvas


def build_paged_pdf(content: dict, path: Path) -> None:
    from reportlab import rl_config

    rl_config.invariant = 1
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    PagedCanvas = paged_canvas(content["running_header"], content["running_header_right"],
                               "Page {n} of {total}", rule=True)

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], fontName="Helvetica",
                          fontSize=10.5, leading=15, spaceAfter=6)
    note = ParagraphStyle("note", parent=body, fontName="Helvetica-Oblique", fontSize=9)
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=14,
                           leading=18, spaceAfter=8)
    heading = ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", fontSize=11.5,
                             leading=15, spaceBefore=10, spaceAfter=5)
    level = ParagraphStyle("level", parent=body, fontName="Helvetica-Bold", fontSize=9,
                           spaceBefore=4)
    item = ParagraphStyle("item", parent=body, leftIndent=18, bulletIndent=6,
                          bulletFontName="Vera")
    quote = ParagraphStyle("quote", parent=body, leftIndent=24, fontName="Helvetica-Oblique",
                           spaceAfter=2)
    attribution = ParagraphStyle("attribution", parent=body, leftIndent=24)

    story = [Paragraph(content["heading"], title)]
    story += [Paragraph(f"{label} \u2014 {value}", body) for label, value in content["fields"]]
    story += [Paragraph(content["disclaimer"], note), Spacer(1, 6)]

    story.append(Paragraph("1. Summary/Main discussion points", heading))
    story += [Paragraph(t, body) for t in content["summary"]]
    story.append(Paragraph("2. Challenges", heading))
    for label, text in content["challenges"]:
        story.append(Paragraph(f"<b>{label}</b> {text}", body))
    story.append(Paragraph("3. Opportunities / good practices / innovations for the way "
                           "forward", heading))
    for lvl, items in content["practices"]:
        story.append(Paragraph(lvl, level))
        story += [Paragraph(_markup(t), item, bulletText="\u2022") for t in items]
    story.append(Paragraph("4. Relevance to the Global Compact for Migration and its "
                           "follow-up, implementation and review", heading))
    story += [Paragraph(t, body) for t in content["gcm"]]
    story.append(Paragraph("5. Contributions to the achievement of the Agenda 2030", heading))
    story += [Paragraph(t, body) for t in content["agenda2030"]]
    story.append(Paragraph("6. Inspiring quotes", heading))
    for text, who in content["quotes"]:
        story += [Paragraph(text, quote), Paragraph(who, attribution)]

    doc = SimpleDocTemplate(
        str(path), pagesize=A4, leftMargin=2.5 * cm, rightMargin=2.5 * cm,
        topMargin=2.4 * cm, bottomMargin=2.2 * cm, title=content["title"],
        author="migkg examples", subject="Illustrative example; not an official document.",
        creator="migkg scripts/make_more_examples.py", invariant=1,
    )
    doc.build(story, canvasmaker=PagedCanvas)


# ---------------------------------------------------------------------------------------
# 4. IMRF 2022: an e-mailed write-up
# ---------------------------------------------------------------------------------------

EMAIL = {
    "file": "imrf2022_rt3_note_by_email.eml",
    "headers": [
        ("From", "Jonas Whitfield-Mbeki <j.whitfield-mbeki@example.org>"),
        ("To", "Amara Osei-Lundqvist <a.osei-lundqvist@example.org>"),
        ("Cc", "IMRF round tables <imrf-roundtables@example.org>"),
        ("Date", "Fri, 20 May 2022 09:14:27 -0400"),
        ("Subject", "RT3 write-up: consular protection, inclusion, remittances"),
        ("Message-ID", "<20220520131427.4417@mail.example.org>"),
        ("MIME-Version", "1.0"),
    ],
    "body": """\
Hi Amara,

Sorry this is late - here is my write-up of round table 3 from Wednesday. I
followed the order of the template but kept it short and skipped the
numbering. Shout if anything needs fixing before it goes to the co-chairs.

(Illustrative example written for the migkg project; not an official IMRF
document. The rapporteur and all speakers are invented.)

Round table 3 \u2013 Protecting migrants, inclusion and remittances (Objectives
14, 15, 16, 19, 20 and 22)
International Migration Review Forum, UN Headquarters, New York
Rapporteur: Jonas Whitfield-Mbeki
Session held on: 18 May 2022


Main points

The round table covered consular protection, access to basic services,
inclusion, diaspora contributions, remittances and the portability of
social protection. Member States described the pandemic as a stress test:
countries that had opened health care and emergency cash transfers to
migrants regardless of status said it had helped the whole population,
while others admitted that migrants in an irregular situation had stayed
away from clinics for fear of being reported.

Remittances were the clearest good news. The World Bank estimated that
remittances to low- and middle-income countries reached USD 589 billion in
2021, 7.3 per cent more than in 2020. But the global average cost of
sending money home is still around 6 per cent, twice the 3 per cent the SDGs
aim for.


Challenges

Economic:
  * Sending small amounts still costs about 6 per cent on average, and far
    more in some corridors within Africa;
  * Banks close the accounts of money transfer operators they see as risky
    ("de-risking"), which pushes senders towards informal channels;
Access and rights:
  * Migrants in an irregular situation avoid hospitals and schools because
    their data may be passed on to immigration authorities;
  * Consulates are understaffed in countries where many nationals work
    informally, so few workers in distress ever reach them;
Institutional:
  * Social security agreements cover few corridors, and contributions are
    lost when workers move on or go home.


What worked

National -
  * Portugal gave migrants with pending residence applications temporary
    residence rights in March 2020, so they could use the health service
    and social benefits during the first lockdown.
  * Mexico's consulates in the United States run health desks
    ("Ventanillas de Salud") that connect nationals with local clinics
    whatever their status.
Regional -
  * ECOWAS: the General Convention on Social Security adopted in 2013 lets
    workers add up contribution periods earned in different member states.
Global -
  * IFAD's Financing Facility for Remittances was mentioned for its support
    to cheaper, digital transfer services in rural areas.
Innovation -
  * Kenya's mobile money services let families receive transfers from
    abroad directly on a phone, at a fraction of the cost of cash
    transfers.
  * Nigeria's USD 300 million diaspora bond of 2017 was cited as a way to
    turn diaspora savings into investment at home.


GCM link

The six objectives of the round table: 14, 15, 16, 19, 20 and 22. Most of
the time went to 20 (remittances) and 15 (basic services); 19 hardly came
up except for the diaspora bond.


SDGs

10.c on remittance costs, clearly. Also 1.3 (social protection systems)
and 3.8 (universal health coverage).


Quotes

Anonymous, small island developing state: "For us remittances are not a
statistic. They are the economy."

And one I would like to use by name - Dr. Ifeoma Castellanos-Eze of the
Nigerians in Diaspora Commission: "Our diaspora does not need to be
persuaded to invest at home. It needs to be trusted." I have asked her
but she has not replied yet.

Best,
Jonas

--\u0020
Jonas Whitfield-Mbeki
Policy Officer, Migration and Remittances
Sent from my phone, please excuse typos


---------- Forwarded message ---------
From: IMRF Secretariat <imrf-secretariat@example.org>
Date: Thu, 19 May 2022 at 17:02
Subject: Rapporteur write-ups for the round tables
To: <imrf-roundtables@example.org>

Dear rapporteurs,

Thank you for your work this week. Please send your write-up to your focal
point by Friday noon, using the headings of the reporting template:

1. Summary/Main discussion points
2. Challenges
3. Opportunities / good practices / innovations for the way forward
4. Relevance to the Global Compact for Migration and its follow-up,
   implementation and review
5. Contributions to the achievement of the Agenda 2030
6. Inspiring quotes

The round tables follow the Chatham House rule: quote a speaker by name
only with their approval.

With thanks,
IMRF Secretariat
""",
}


def build_eml(content: dict, path: Path) -> None:
    from email import policy
    from email.message import EmailMessage

    message = EmailMessage(policy=policy.default)
    for name, value in content["headers"]:
        message[name] = value
    message.set_content(content["body"], charset="utf-8", cte="quoted-printable")
    path.write_bytes(message.as_bytes(policy=policy.default))


# ---------------------------------------------------------------------------------------
# 5. Afrique 2021 (French): Word "Save as Web Page", windows-1252
# ---------------------------------------------------------------------------------------

RETOUR = {
    "file": "gcm_rr_afrique2021_tr2_retour_reintegration.htm",
    "title": "Examen r\u00e9gional africain du Pacte mondial \u2013 Table ronde 2",
    "author": "Aminata Kon\u00e9-Vasseur",
    "heading": "Examen r\u00e9gional du Pacte mondial pour des migrations s\u00fbres, "
               "ordonn\u00e9es et r\u00e9guli\u00e8res en Afrique",
    "subheading": "En ligne (accueilli par le Maroc), 31 ao\u00fbt \u2013 2 septembre 2021",
    "disclaimer": "Exemple illustratif r\u00e9dig\u00e9 pour le projet migkg\u00a0; ce n\u2019est "
                  "pas un document officiel de la CEA ou de l\u2019OIM, et les intervenants "
                  "sont fictifs.",
    "fields": [
        ("Rapporteuse", "Aminata Kon\u00e9-Vasseur"),
        ("S\u00e9ance", "Table ronde 2 \u2013 Retour, r\u00e9admission et r\u00e9int\u00e9gration "
                        "durable"),
        ("Date", "1er septembre 2021"),
    ],
    "summary": [
        "La table ronde a r\u00e9uni des repr\u00e9sentants des minist\u00e8res charg\u00e9s des "
        "diasporas et de l\u2019emploi, des autorit\u00e9s locales, des associations de migrants "
        "de retour, l\u2019OIM, l\u2019Union africaine et l\u2019Union europ\u00e9enne. Les "
        "d\u00e9bats ont port\u00e9 sur ce qui rend une r\u00e9int\u00e9gration durable\u00a0: un "
        "revenu, des liens sociaux r\u00e9tablis et un soutien psychosocial.",
        "Depuis 2017, plus de 100\u00a0000 migrants ont b\u00e9n\u00e9fici\u00e9 "
        "d\u2019une aide au retour volontaire dans le cadre de l\u2019Initiative conjointe "
        "UE-OIM, active dans 26 "
        "pays d\u2019Afrique. Les participants ont rappel\u00e9 que la pand\u00e9mie a bloqu\u00e9 "
        "des milliers de migrants au Niger et en Libye en 2020, lorsque les fronti\u00e8res "
        "se sont ferm\u00e9es.",
    ],
    "challenges": [
        ("Sur le plan \u00e9conomique\u00a0:", [
            "les migrants de retour trouvent peu d\u2019emplois, et beaucoup repartent faute "
            "de revenus\u00a0;",
            "les familles ont souvent financ\u00e9 le d\u00e9part et attendent un "
            "remboursement\u00a0;",
        ]),
        ("Sur le plan institutionnel\u00a0:", [
            "les programmes de r\u00e9int\u00e9gration d\u00e9pendent de financements "
            "ext\u00e9rieurs de courte dur\u00e9e\u00a0;",
            "la coordination entre services nationaux, collectivit\u00e9s locales et "
            "partenaires reste faible\u00a0;",
        ]),
        ("Protection et sant\u00e9\u00a0:", [
            "beaucoup de personnes revenues de Libye souffrent de traumatismes, et le soutien "
            "psychosocial manque\u00a0;",
        ]),
        ("Regard de la soci\u00e9t\u00e9\u00a0:", [
            "le retour est v\u00e9cu comme un \u00e9chec, et les personnes de retour sont "
            "stigmatis\u00e9es dans leur communaut\u00e9.",
        ]),
    ],
    "practices": [
        ("Au niveau national", [
            ("Guichets d\u2019orientation\u00a0:", " le S\u00e9n\u00e9gal a pr\u00e9sent\u00e9 les "
             "Bureaux d\u2019accueil, d\u2019orientation et de suivi (BAOS), qui orientent les "
             "migrants de retour vers la formation et le cr\u00e9dit."),
            ("Projets communautaires\u00a0:", " le Mali a d\u00e9crit des projets collectifs "
             "(mara\u00eechage, ateliers de couture) qui associent migrants de retour et jeunes "
             "rest\u00e9s sur place, afin d\u2019apaiser les tensions."),
            ("\u00c9coute psychosociale\u00a0:", " la Guin\u00e9e a form\u00e9 des agents de "
             "sant\u00e9 communautaire \u00e0 l\u2019accompagnement des personnes revenues de "
             "Libye."),
        ]),
        ("Au niveau r\u00e9gional", [
            ("Cadre continental\u00a0:", " l\u2019Union africaine et la CEDEAO ont rappel\u00e9 "
             "que le Cadre de politique migratoire pour l\u2019Afrique r\u00e9vis\u00e9 "
             "(2018-2030) fait de la r\u00e9int\u00e9gration une responsabilit\u00e9 partag\u00e9e "
             "entre pays d\u2019origine et de destination."),
            ("Initiative conjointe UE-OIM\u00a0:", " lanc\u00e9e en 2016, elle finance "
             "l\u2019aide au retour et des projets de r\u00e9int\u00e9gration au Sahel, dans la "
             "r\u00e9gion du lac Tchad, dans la Corne de l\u2019Afrique et en Afrique du Nord."),
        ]),
        ("Innovation", [
            ("Suivi \u00e0 distance\u00a0:", " l\u2019OIM a pr\u00e9sent\u00e9 une enqu\u00eate "
             "men\u00e9e par t\u00e9l\u00e9phone, 12 et 18 mois apr\u00e8s le retour, pour mesurer "
             "la durabilit\u00e9 de la r\u00e9int\u00e9gration."),
        ]),
    ],
    "gcm": "La table ronde concerne d\u2019abord l\u2019objectif 21 (coop\u00e9rer en vue de "
           "faciliter le retour et la r\u00e9admission des migrants en toute s\u00e9curit\u00e9 "
           "et dans la dignit\u00e9, ainsi que leur r\u00e9int\u00e9gration durable). Le soutien "
           "psychosocial renvoie \u00e0 l\u2019objectif 7, la formation des migrants de retour "
           "\u00e0 l\u2019objectif 18, et l\u2019appel \u00e0 des financements stables \u00e0 "
           "l\u2019objectif 23.",
    "agenda2030": "Une r\u00e9int\u00e9gration durable contribue \u00e0 la cible 10.7 des ODD "
                  "et, par l\u2019emploi des jeunes, \u00e0 la cible 8.6.",
    "quotes_note": "R\u00e8gle de Chatham House\u00a0: les citations sont anonymes, sauf accord "
                   "de la personne.",
    "quotes": [
        ("Anonyme (association de migrants de retour, Mali)\u00a0:",
         "\u00ab\u00a0On nous accueille avec un kit, puis on nous oublie.\u00a0\u00bb"),
        ("M. Ousmane Diallo-Sj\u00f6berg, minist\u00e8re des Affaires \u00e9trang\u00e8res et "
         "des S\u00e9n\u00e9galais de l\u2019ext\u00e9rieur (cit\u00e9 avec son accord)\u00a0:",
         "\u00ab\u00a0Le retour n\u2019est pas la fin d\u2019un parcours migratoire, c\u2019est le "
         "d\u00e9but d\u2019un autre.\u00a0\u00bb"),
    ],
}

_HTM_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>{title}</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>{author}</o:Author>
  <o:Revision>3</o:Revision>
  <o:Created>2021-09-01T16:20:00Z</o:Created>
  <o:LastSaved>2021-09-02T08:05:00Z</o:LastSaved>
  <o:Pages>2</o:Pages>
  <o:Version>16.00</o:Version>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{{margin-top:0cm;margin-right:0cm;margin-bottom:8.0pt;margin-left:0cm;
	line-height:107%;font-size:11.0pt;font-family:"Calibri",sans-serif;}}
h1
	{{mso-style-link:"Titre 1 Car";margin-top:12.0pt;margin-right:0cm;
	margin-bottom:0cm;margin-left:0cm;page-break-after:avoid;
	font-size:14.0pt;font-family:"Calibri Light",sans-serif;color:#2F5496;
	font-weight:normal;}}
p.MsoListParagraphCxSpFirst, p.MsoListParagraphCxSpMiddle, p.MsoListParagraphCxSpLast
	{{margin-left:36.0pt;mso-add-space:auto;font-size:11.0pt;
	font-family:"Calibri",sans-serif;}}
p.MsoQuote
	{{margin-left:43.2pt;margin-right:43.2pt;text-align:center;font-style:italic;
	color:#404040;}}
@list l0
	{{mso-list-id:1402362412;mso-list-type:hybrid;}}
@list l0:level1
	{{mso-level-number-format:bullet;mso-level-text:\\F0B7;mso-level-tab-stop:none;
	mso-level-number-position:left;text-indent:-18.0pt;font-family:Symbol;}}
@list l0:level2
	{{mso-level-number-format:bullet;mso-level-text:o;mso-level-tab-stop:none;
	mso-level-number-position:left;text-indent:-18.0pt;font-family:"Courier New";}}
-->
</style>
</head>

<body lang=FR style='tab-interval:35.4pt;word-wrap:break-word'>

<div class=WordSection1>
"""


def _esc(text: str) -> str:
    """Escape like Word does: &amp; &lt; &gt; and &nbsp; for non-breaking spaces."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\u00a0", "&nbsp;"))


def _list_par(cls: str, level: int, text: str) -> str:
    symbol, font, margin = (("\u00b7", "Symbol", 36), ("o", "\"Courier New\"", 72))[level - 1]
    return (f"<p class={cls} style='margin-left:{margin}.0pt;mso-add-space:auto;"
            f"text-indent:-18.0pt;mso-list:l0 level{level} lfo1'><![if !supportLists]>"
            f"<span style='font-family:{font};mso-fareast-font-family:{font}'>"
            f"<span style='mso-list:Ignore'>{symbol}<span style='font:7.0pt \"Times New "
            f"Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span>"
            f"<![endif]>{_esc(text)}<o:p></o:p></p>\n")


def build_word_htm(content: dict, path: Path) -> None:
    out = [_HTM_HEAD.format(title=_esc(content["title"]), author=_esc(content["author"]))]
    out.append(f"<p class=MsoNormal><i><span style='font-size:9.0pt;line-height:107%;"
               f"color:gray'>{_esc(content['disclaimer'])}<o:p></o:p></span></i></p>\n\n")
    out.append(f"<p class=MsoNormal align=center style='text-align:center'><b><span "
               f"style='font-size:14.0pt;line-height:107%'>{_esc(content['heading'])}"
               f"<o:p></o:p></span></b></p>\n\n")
    out.append(f"<p class=MsoNormal align=center style='text-align:center'>"
               f"{_esc(content['subheading'])}<o:p></o:p></p>\n\n")
    for label, value in content["fields"]:
        out.append(f"<p class=MsoNormal><b>{_esc(label)}&nbsp;:</b> {_esc(value)}"
                   f"<o:p></o:p></p>\n\n")

    def h1(text: str) -> None:
        out.append(f"<h1><span lang=FR>{_esc(text)}<o:p></o:p></span></h1>\n\n")

    def p(text: str) -> None:
        out.append(f"<p class=MsoNormal>{_esc(text)}<o:p></o:p></p>\n\n")

    h1("1. R\u00e9sum\u00e9 / principaux points de discussion")
    for text in content["summary"]:
        p(text)

    h1("2. D\u00e9fis")
    p("Les principaux d\u00e9fis soulev\u00e9s\u00a0:")
    items = []
    for category, subs in content["challenges"]:
        items.append((1, category))
        items += [(2, sub) for sub in subs]
    for index, (level, text) in enumerate(items):
        cls = ("MsoListParagraphCxSpFirst" if index == 0 else
               "MsoListParagraphCxSpLast" if index == len(items) - 1 else
               "MsoListParagraphCxSpMiddle")
        out.append(_list_par(cls, level, text))
    out.append("\n")

    h1("3. Opportunit\u00e9s / bonnes pratiques / innovations pour l\u2019avenir")
    for level, entries in content["practices"]:
        out.append(f"<p class=MsoNormal><u>{_esc(level)}<o:p></o:p></u></p>\n\n")
        for lead, rest in entries:
            out.append(f"<p class=MsoNormal><b>{_esc(lead)}</b>{_esc(rest)}<o:p></o:p></p>\n\n")

    h1("4. Pertinence pour le Pacte mondial sur les migrations et pour son suivi, sa mise "
       "en \u0153uvre et son examen")
    p(content["gcm"])
    h1("5. Contributions \u00e0 la r\u00e9alisation du Programme 2030")
    p(content["agenda2030"])
    h1("6. Citations inspirantes")
    out.append(f"<p class=MsoNormal><i>{_esc(content['quotes_note'])}<o:p></o:p></i></p>\n\n")
    for speaker, quote in content["quotes"]:
        p(speaker)
        out.append(f"<p class=MsoQuote>{_esc(quote)}<o:p></o:p></p>\n\n")

    out.append("</div>\n\n</body>\n\n</html>\n")
    html = "".join(out).replace("\n", "\r\n")
    path.write_bytes(html.encode("cp1252"))


# ---------------------------------------------------------------------------------------

BUILDERS = (
    (FUTURE_OF_WORK, build_numbered_docx),
    (CHILDREN, build_reordered_docx),
    (SMUGGLING, build_paged_pdf),
    (EMAIL, build_eml),
    (RETOUR, build_word_htm),
)


def build_all(out: Path) -> list[Path]:
    """Write every generated example into out; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for content, builder in BUILDERS:
        target = out / content["file"]
        builder(content, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=EXAMPLES, help="output folder")
    args = parser.parse_args(argv)
    for path in build_all(args.out):
        print(f"{path} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
