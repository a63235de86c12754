"""Compose one synthetic report from a seeded random source, the fragments and the pools.

Each report draws from its own ``random.Random(f"{seed}:{index}")``, so report N is the
same whatever the count, and the same seed gives the same reports. Every name, reference
and figure put into the text is recorded in ``Report.planted`` as it is written.
"""

from __future__ import annotations

import random
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from .model import ChallengeGroup, LevelGroup, Practice, Quote, Report
from .pools import Pools, pools

TEMPLATE = ["summary", "challenges", "practices", "gcm", "agenda2030", "quotes"]
LEVELS = ["national", "regional", "global", "innovation"]
# Layouts per format: the variant names that the renderers know.
VARIANTS = {"md": ["headings", "table-header"], "txt": ["plain", "tabbed"], "html": ["site"],
            "htm": ["word"], "docx": ["headings", "table"], "pdf": ["paged"], "eml": ["note"]}
FORMATS = list(VARIANTS)
LANGUAGES = [("en", 0.7), ("fr", 0.15), ("es", 0.15)]


@lru_cache(maxsize=1)
def fragments() -> dict:
    """The fragment lists of fragments.yaml."""
    return yaml.safe_load((Path(__file__).parent / "fragments.yaml").read_text("utf-8"))


class Writer:
    """Fills template slots for one report and records what it planted."""

    def __init__(self, rng: random.Random, lang: str, pool: Pools, year: int,
                 topic: str) -> None:
        self.rng, self.lang, self.pool, self.year, self.topic = rng, lang, pool, year, topic
        self.countries: set[str] = set()
        self.actors: set[str] = set()
        self.figures = 0
        # A report names a few countries and actors again and again, as real ones do.
        self.cast = rng.sample(pool.countries, 6)
        self.orgs = rng.sample(pool.actors, 4)

    def country(self) -> str:
        picked = self.rng.choice(self.cast)
        self.countries.add(picked.iso3)
        return picked.names[self.lang]

    def actor(self) -> str:
        picked = self.rng.choice(self.orgs)
        self.actors.add(picked.code)
        return picked.name

    def number(self, value: float, decimals: int = 0) -> str:
        text = f"{value:,.{decimals}f}"
        if self.lang == "fr":
            return text.replace(",", " ").replace(".", ",")
        if self.lang == "es":
            return text.replace(",", "X").replace(".", ",").replace("X", ".")
        return text

    def figure(self, kind: str) -> str:
        """A share, an amount of money or a count of people, in the report's language."""
        kinds = fragments()["figures"][self.lang]
        if kind == "share":
            value = self.number(self.rng.randint(5, 85))
        elif kind == "money":
            value = self.number(self.rng.randint(12, 480) / 10, 1)
        else:
            value = self.number(self.rng.randint(10, 500) * 100)
        self.figures += 1
        return self.rng.choice(kinds[kind]).format(n=value)

    def fill(self, template: str) -> str:
        """``template`` with its slots filled; each slot is drawn only if present."""
        values = {}
        for slot, make in (("country", self.country), ("country2", self.country),
                           ("actor", self.actor), ("actor2", self.actor),
                           ("share", lambda: self.figure("share")),
                           ("money", lambda: self.figure("money")),
                           ("count", lambda: self.figure("count"))):
            if "{" + slot + "}" in template:
                values[slot] = make()
        # A second name differs from the first (the cast has more than one of each).
        while "country2" in values and values["country2"] == values.get("country"):
            values["country2"] = self.country()
        while "actor2" in values and values["actor2"] == values.get("actor"):
            values["actor2"] = self.actor()
        return template.format(topic=self.topic, year=self.year - self.rng.randint(1, 8),
                               **values)


def _join(items: list[str], word: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _event(rng: random.Random, pool: Pools, frag: dict) -> tuple[str, str, int, str, date]:
    """(name, series, year, city, date): a catalogue event, or one of the extra series."""
    if rng.random() < 0.6:
        event = rng.choice(pool.events)
        city = event.location if event.location and event.location != "virtual" else "online"
        when = event.start or date(event.year, rng.randint(1, 12), rng.randint(1, 28))
        return event.name, event.series, event.year, city, when
    extra = rng.choice(frag["extra_events"])
    year = rng.choice(extra["years"])
    index = rng.randrange(len(extra["cities"]))
    region = extra["regions"][index] if "regions" in extra else ""
    name = extra["name"].format(year=year, region=region)
    return name, extra["series"], year, extra["cities"][index], date(
        year, rng.randint(1, 12), rng.randint(1, 28))


def _date_text(when: date, lang: str, rng: random.Random) -> str:
    month = fragments()["months"][lang][when.month - 1]
    if lang == "fr":
        return f"{when.day} {month} {when.year}"
    if lang == "es":
        return f"{when.day} de {month} de {when.year}"
    return rng.choice([f"{when.day} {month} {when.year}", f"{month} {when.day}, {when.year}"])


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` items over ``parts`` groups, each with at least one."""
    cuts = sorted(rng.sample(range(1, total), parts - 1)) if parts > 1 else []
    bounds = [0, *cuts, total]
    return [b - a for a, b in zip(bounds, bounds[1:], strict=False)]


def compose(seed: int, index: int, fmt: str) -> Report:
    """Report number ``index`` of the run seeded ``seed``, to be written as ``fmt``."""
    rng = random.Random(f"{seed}:{index}")
    frag = fragments()
    pool = pools()
    lang = rng.choices([lang for lang, _ in LANGUAGES], [w for _, w in LANGUAGES])[0]
    variant = rng.choice(VARIANTS[fmt])
    event, series, year, city, when = _event(rng, pool, frag)
    topic = rng.choice(frag["topics"][lang])
    code = rng.choice([f"{rng.randint(1, 4)}.{rng.randint(1, 3)}", str(rng.randint(1, 6))])
    session_label = rng.choice(frag["session_kinds"][lang]).format(code=code)
    writer = Writer(rng, lang, pool, year, topic)
    name = f"{rng.choice(frag['given_names'])} {rng.choice(frag['family_names'])}"
    if rng.random() < 0.4:
        name += f"-{rng.choice(frag['family_names'])}"

    # Sections: the template's order, or another one; quotes may be absent.
    quotes_count = rng.choice([0, 1, 2, 2, 3, 4])
    order = list(TEMPLATE)
    if quotes_count == 0:
        order.remove("quotes")
    reordered = rng.random() < 0.25
    if reordered:
        body = order[1:]
        rng.shuffle(body)
        order = [order[0], *body]
    numbered = not reordered and rng.random() < 0.6
    headings = {key: rng.choice(frag["headings"][lang][key]) for key in order}

    summary = []
    for part, count in (("openings", 1), ("middles", rng.randint(1, 3)), ("closings", 1)):
        sentences = rng.sample(frag["summary"][lang][part], count)
        summary.append(" ".join(writer.fill(s) for s in sentences))
    if len(summary) > 2 and rng.random() < 0.5:
        summary = [" ".join(summary[:2]), summary[2]]

    ch = frag["challenges"][lang]
    n_challenges = rng.randint(2, 12)
    challenges: list[ChallengeGroup] = []
    if rng.random() < 0.6:
        keys = rng.sample(list(frag["categories"][lang]), min(rng.randint(1, 4), n_challenges))
        for key, size in zip(keys, _split(rng, n_challenges, len(keys)), strict=True):
            challenges.append(ChallengeGroup(key, rng.choice(frag["categories"][lang][key])))
            for _ in range(size):
                challenges[-1].items.append(_challenge(rng, writer, ch))
    else:
        challenges.append(ChallengeGroup(None, None, [_challenge(rng, writer, ch)
                                                      for _ in range(n_challenges)]))

    pr = frag["practices"][lang]
    n_practices = rng.randint(2, 12)
    # label: '**National:** Lead: text'; label-lead: '**National:** **Lead:** text'.
    style = rng.choices(["subheading", "label", "label-lead", "none"],
                        [0.6, 0.15, 0.05, 0.2])[0]
    leads = rng.sample(pr["leads"], min(n_practices, len(pr["leads"])))
    items = [Practice(leads[i % len(leads)] + ("" if i < len(leads) else f" ({i})"),
                      writer.fill(rng.choice(pr["bodies"]))) for i in range(n_practices)]
    practices: list[LevelGroup] = []
    if style == "none":
        practices.append(LevelGroup(None, None, items))
    else:
        levels = sorted(rng.sample(LEVELS, min(rng.randint(1, 4), n_practices)),
                        key=LEVELS.index)
        start = 0
        for level, size in zip(levels, _split(rng, n_practices, len(levels)), strict=True):
            practices.append(LevelGroup(level, rng.choice(frag["levels"][lang][level]),
                                        items[start:start + size]))
            start += size

    gcm_frag = frag["gcm"][lang]
    objectives = sorted(rng.sample(pool.objectives, rng.randint(1, 5)))
    gcm, planted_objectives = [], []
    chunks = [objectives[:2], objectives[2:]] if len(objectives) > 2 else [objectives]
    # A stream of its own, so that adding titles left the rest of each report as it was.
    titled = random.Random(f"{seed}:{index}:titles")
    for chunk, sentence in zip(chunks, rng.sample(gcm_frag["sentences"], len(chunks)),
                               strict=True):
        title = pool.objective_titles[chunk[0]].get(lang)
        if len(chunk) == 1 and title and titled.random() < 0.5:  # 'Objective 6 (data)'
            one = gcm_frag["objective_one"].format(n=chunk[0])
            refs = f"{one} ({title[0].lower()}{title[1:]})"
        else:
            refs = (gcm_frag["objective_one"].format(n=chunk[0]) if len(chunk) == 1 else
                    gcm_frag["objective_many"].format(list=_join([str(n) for n in chunk],
                                                                 gcm_frag["and"])))
        gcm.append(sentence.format(objectives=refs))
        planted_objectives += chunk
    principles = []
    if gcm_frag["principle_sentences"] and rng.random() < 0.5:
        key, label_en, label_fr = rng.choice(pool.principles)
        label = label_fr if lang == "fr" and label_fr else label_en
        if lang == "en" or label_fr:
            gcm.append(rng.choice(gcm_frag["principle_sentences"]).format(
                principle=label if lang == "fr" else label.lower()))
            principles.append(key)
    gcm = [" ".join(gcm)]

    sdg = frag["agenda2030"][lang]
    targets = sorted(rng.sample(pool.targets, rng.randint(1, 4)),
                     key=lambda c: [int(p) if p.isdigit() else ord(p) for p in c.split(".")])
    refs = (sdg["target_one"].format(code=targets[0]) if len(targets) == 1 else
            sdg["target_many"].format(list=_join(targets, sdg["and"])))
    agenda = [rng.choice(sdg["sentences"]).format(targets=refs)]

    qf = frag["quotes"][lang]
    quotes, speaker_countries = [], set()
    for text in rng.sample(qf["texts"], quotes_count):
        role = rng.choice(frag["roles"][lang])
        if rng.random() < 0.6:
            who = rng.choice(qf["anonymous"]).format(role=role)
        else:
            person = f"{rng.choice(frag['given_names'])} {rng.choice(frag['family_names'])}"
            template = rng.choice(qf["named"])
            country = ""
            if "{country}" in template:  # the speaker's country: not an insight's text
                picked = rng.choice(writer.cast)
                country = picked.names[lang]
                speaker_countries.add(picked.iso3)
            who = template.format(hon=rng.choice(frag["honorifics"][lang]), name=person,
                                  role=role, country=country)
        quotes.append(Quote(text, who))

    labels = {key: rng.choice(values) for key, values in frag["fields"][lang].items()}
    stem = (f"synth{index:05d}_{series.split()[0].lower()}{year}_"
            f"{code.replace('.', '_')}_{lang}")
    report = Report(
        index=index, stem=stem, fmt=fmt, variant=variant, lang=lang, event=event,
        series=series, year=year, city=city, when=when, date_text=_date_text(when, lang, rng),
        session_code=code, session_label=session_label, topic=topic,
        doc_title=rng.choice(frag["document_titles"][lang]), rapporteur=name,
        field_labels=labels, order=order, headings=headings, numbered=numbered,
        summary=summary, challenges=challenges, practice_style=style, practices=practices,
        gcm=gcm, agenda2030=agenda, quotes=quotes,
        reminder=qf["reminder"] if quotes and rng.random() < 0.4 else None,
        disclaimer=frag["disclaimer"][lang],
        extras={"seed": str(rng.randrange(1 << 30))},
    )
    report.planted = {
        "file": report.filename, "format": fmt, "variant": variant, "language": lang,
        "event": event, "series": series, "year": year, "session": code,
        "sections": order, "challenges": n_challenges,
        "challenge_categories": sum(1 for g in challenges if g.category),
        "practices": n_practices,
        "levels": {g.level: len(g.items) for g in practices if g.level},
        "practice_style": style, "quotes": quotes_count,
        "objectives": planted_objectives, "targets": targets, "principles": principles,
        "countries": sorted(writer.countries), "actors": sorted(writer.actors),
        "speaker_countries": sorted(speaker_countries),
        "figures": writer.figures,
    }
    return report


def _challenge(rng: random.Random, writer: Writer, ch: dict) -> str:
    text = f"{rng.choice(ch['problems'])}, {writer.fill(rng.choice(ch['contexts']))}"
    if rng.random() < 0.25:
        text += writer.fill(rng.choice(ch["figure_clauses"]))
    return text
