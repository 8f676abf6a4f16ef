"""Answers to discussion-guide requests (prompts/focus-group/guide.md and guide-section.md).

A real model plans the discussion for the focus group it is given; so does the simulator. It reads the
group's data sections and the task line: the language ("in German (de)"; other languages get English), the
objective (the topic), the stimulus titles, the turn budget ("add up to 60") and, for one section, which
one ("Write section s2 again"), its budget and the current guide. The guide funnels from a warm-up through
today's experience and the stimuli to a wrap-up, with a Likert poll after a single concept, a choice
between several, and a ranking of what matters; turn budgets add up to the budget asked for. A rewritten
section keeps its job in the guide but not its questions or title.
"""

import json
import re

from .guide_texts import (CLOSING, INTRODUCTION, LIKERT, NONE_OF_THESE, RANKING, SECTIONS, SHOWN)
from .prompt import _NAMED_SECTION

TURN_BUDGET = (2, 40)
MINUTES = (1, 60)
MAX_TITLE = 120
WEIGHTS = {"warmup": 1.0, "experience": 2.0, "exposure": 3.0, "exposures": 3.5, "value": 2.0, "needs": 2.0,
           "wrapup": 1.5}
# Dropped first when the budget is too small for two turns a section.
OPTIONAL = ("experience", "value", "needs")


def is_guide_schema(schema):
    """The guide template's shape: {introduction, sections: [{…, questions, turn_budget}], closing}."""
    properties = _properties(schema)
    items = _properties((properties.get("sections") or {}).get("items"))
    return {"introduction", "closing"} <= set(properties) and {"questions", "turn_budget"} <= set(items)


def is_section_schema(schema):
    """The section template's shape: one section {title, …, turn_budget, questions, poll} at the root."""
    return {"title", "questions", "turn_budget", "poll"} <= set(_properties(schema))


class GuideBrief:
    """What a guide request says about the group, read from its data sections and task line."""

    def __init__(self, context):
        sections = {name.lower(): text.strip() for name, text in _NAMED_SECTION.findall(context.all_user)}
        text = context.system + "\n" + context.all_user
        self.language = _language(text)
        name = " ".join(sections.get("name", "").split())[:80]
        if self.language == "en":
            self.topic = context.topic if context.topic != "the product" else (name or "the topic")
        else:
            self.topic = name or context.topic
        self.titles = _unique([" ".join(title.split()) for title in
                               re.findall(r'^\s*\d+\.\s+"(.+?)",', sections.get("stimuli", ""), re.MULTILINE)])
        self.max_turns = _number(r"add up to (\d+)", context.all_user) or 60
        self.total_minutes = _number(r"about (\d+) minutes", context.all_user) or min(max(self.max_turns, 10), 120)
        asked = re.findall(r"Write section (s\d+) again", context.all_user)
        self.section_id = asked[-1] if asked else None
        self.turn_budget = _number(r"turn budget of (\d+)", context.all_user)
        try:
            self.guide = json.loads(sections.get("guide", ""))
        except ValueError:
            self.guide = None

    @property
    def texts(self):
        return SECTIONS[self.language]


def guide_for(context, rng):
    """A whole guide for the group in the prompt."""
    brief = GuideBrief(context)
    kinds = ["warmup", "experience"]
    if not brief.titles:
        kinds += ["needs"]
    elif len(brief.titles) == 1:
        kinds += ["exposure", "value"]
    else:
        kinds += ["exposures", "value"]
    kinds.append("wrapup")
    while 2 * len(kinds) > brief.max_turns and any(kind in OPTIONAL for kind in kinds):
        kinds.remove(next(kind for kind in kinds if kind in OPTIONAL))
    budgets = _allocate(brief.max_turns, [WEIGHTS[kind] for kind in kinds])
    minutes = [_clamp(round(brief.total_minutes * budget / max(sum(budgets), 1)), MINUTES) for budget in budgets]
    sections = [_section(brief, kind, rng, budget, minute, poll=True)
                for kind, budget, minute in zip(kinds, budgets, minutes)]
    topic = brief.topic
    shown = SHOWN[brief.language] if brief.titles else ""
    return {"introduction": INTRODUCTION[brief.language].format(topic=topic, shown=shown),
            "sections": sections, "closing": CLOSING[brief.language].format(topic=topic)}


def section_for(context, rng):
    """Section `section_id` of the guide in the prompt, written again; None when the prompt has no guide."""
    brief = GuideBrief(context)
    current_sections = (brief.guide or {}).get("sections") if isinstance(brief.guide, dict) else None
    if not isinstance(current_sections, list) or not current_sections:
        return None
    index = next((n for n, section in enumerate(current_sections)
                  if isinstance(section, dict) and section.get("id") == brief.section_id), 0)
    current = current_sections[index] if isinstance(current_sections[index], dict) else {}
    kind, title = _kind_of(current, index, len(current_sections), brief)
    budget = _clamp(brief.turn_budget or _int(current.get("turn_budget"), 8), TURN_BUDGET)
    minutes = _clamp(_number(r"about (\d+) minutes", context.all_user) or _int(current.get("minutes"), 10), MINUTES)
    avoid = {str(question.get("text", "")) for question in current.get("questions") or [] if isinstance(question, dict)}
    return _section(brief, kind, rng, budget, minutes, poll=current.get("poll") is not None, stimulus=title,
                    avoid=avoid, avoid_title=str(current.get("title", "")))


def _section(brief, kind, rng, budget, minutes, poll, stimulus=None, avoid=(), avoid_title=""):
    """One section of `kind`. A rewrite (`avoid` holds the current questions) takes another title, another
    opener and only questions the current section does not ask."""
    spec = brief.texts[kind]
    stimulus = stimulus or (brief.titles[0] if brief.titles else "")
    fill = {"topic": brief.topic, "title": stimulus}
    titles = [_title(variant, fill) for variant in spec["titles"]]
    fresh = [title for title in titles if title != avoid_title] or titles
    wanted = _clamp(budget // 3, (1, 4))
    questions = []
    if kind == "exposures":
        for title in brief.titles[:5]:
            questions.append(_first_fresh([_question(entry, {**fill, "title": title}) for entry in spec["each"]],
                                          avoid))
        wanted = max(len(questions) + 1, min(6, len(questions) + budget // 4))
    elif spec.get("openers"):
        questions.append(_first_fresh([_question(entry, fill) for entry in spec["openers"]], avoid))
    pool = [question for question in (_question(entry, fill) for entry in spec["questions"])
            if question["text"] not in avoid] or [_question(entry, fill) for entry in spec["questions"]]
    # A random choice, asked in the pool's order (it runs from broad to specific).
    picks = rng.sample(range(len(pool)), max(0, min(min(wanted, 6) - len(questions), len(pool))))
    questions += [pool[n] for n in sorted(picks)]
    return {"title": fresh[rng.randrange(len(fresh))], "goal": spec["goal"].format(**fill), "minutes": minutes,
            "turn_budget": budget, "questions": questions,
            "poll": _poll(brief, spec.get("poll"), fill) if poll and spec.get("poll") else None}


def _first_fresh(questions, avoid):
    return next((question for question in questions if question["text"] not in avoid), questions[0])


def _poll(brief, spec, fill):
    kind, question = spec
    if kind == "likert":
        options = list(LIKERT[brief.language])
    elif kind == "choice":
        options = _unique([title[:MAX_TITLE] for title in brief.titles[:6]] + [NONE_OF_THESE[brief.language]])
    else:
        options = list(RANKING[brief.language])
    return {"kind": kind, "question": question.format(**fill), "options": options, "samples": 3}


def _kind_of(section, index, count, brief):
    """What a current section is for (and the stimulus it shows): by its title, its poll, then its place."""
    title = str(section.get("title", ""))
    for texts in SECTIONS.values():
        for kind, spec in texts.items():
            for variant in spec["titles"]:
                if "{title}" not in variant and variant == title:
                    return kind, None
                for stimulus in brief.titles:
                    if "{title}" in variant and _title(variant, {"title": stimulus}) == title:
                        return kind, stimulus
    words = title + " " + " ".join(str(q.get("text", "")) for q in section.get("questions") or [] if isinstance(q, dict))
    shown = next((stimulus for stimulus in brief.titles if stimulus in words), None)
    poll = (section.get("poll") or {}).get("kind") if isinstance(section.get("poll"), dict) else None
    if index == 0:
        return "warmup", None
    if index == count - 1:
        return "wrapup", None
    if brief.titles and (shown or poll == "likert"):
        return "exposure", shown or brief.titles[0]
    if len(brief.titles) > 1 and poll == "choice":
        return "exposures", None
    if poll == "ranking":
        return ("value" if brief.titles else "needs"), None
    return "experience", None


def _title(variant, fill):
    title = variant.format(topic=fill.get("topic", ""), title=fill.get("title", ""))
    if len(title) > MAX_TITLE:
        title = variant.format(topic="", title=fill.get("title", "")[:MAX_TITLE - len(variant) - 1] + "…")
    return title


def _question(entry, fill):
    text, probes = entry
    return {"text": text.format(**fill), "probes": [probe.format(**fill) for probe in probes]}


def _allocate(total, weights):
    """Whole turn budgets in TURN_BUDGET proportional to `weights`, adding up to `total` where the bounds allow."""
    low, high = TURN_BUDGET
    ideal = [total * weight / sum(weights) for weight in weights]
    budgets = [_clamp(int(share), TURN_BUDGET) for share in ideal]
    order = sorted(range(len(weights)), key=lambda n: (ideal[n] - int(ideal[n]), weights[n]), reverse=True)
    for _ in range(4 * total):
        gap = total - sum(budgets)
        movable = [n for n in order if (budgets[n] < high if gap > 0 else budgets[n] > low)]
        if gap == 0 or not movable:
            break
        budgets[movable[0]] += 1 if gap > 0 else -1
        order = order[1:] + order[:1]
    return budgets


def _language(text):
    match = re.search(r"\bin ([A-Z][a-z]+) \(([A-Za-z]{2,3})(?:-[A-Za-z0-9-]*)?\)", text)
    if match and (match.group(1) == "German" or match.group(2).lower() == "de"):
        return "de"
    return "en"


def _unique(items):
    """`items` with repeats (ignoring case) told apart by a number."""
    seen, result = set(), []
    for item in items:
        label, n = item, 2
        while label.lower() in seen:
            label, n = f"{item} ({n})", n + 1
        seen.add(label.lower())
        result.append(label)
    return result


def _properties(schema):
    return (schema.get("properties") or {}) if isinstance(schema, dict) else {}


def _number(pattern, text):
    """The last match: the task line comes after the data sections, which may say anything."""
    found = re.findall(pattern, text)
    return int(found[-1]) if found else None


def _int(value, default):
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _clamp(value, bounds):
    return min(max(value, bounds[0]), bounds[1])
