"""Discussion guides: the real prompts/focus-group templates, rendered here as PromptTemplate renders them, get
a plausible guide (or one section) that fits the group, its stimuli, its language and its turn budget, and
that keeps every bound of Domain's GuideLimits."""

import json
import re

import pytest

from sim_helpers import REPO, violations

LIKERT_SIZES = (5, 7)


def template(name):
    """(system, user, schema) of prompts/<name>.md, with {{variables}} still in place."""
    text = (REPO / "prompts" / f"{name}.md").read_text()
    header = re.search(r"^variables: (.*)$", text, re.MULTILINE).group(1)
    data = {item.split(":")[0].strip() for item in header.split(",") if item.strip().endswith(":data")}
    sections = dict(re.findall(r"^## (system|user|schema)\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL))
    schema = json.loads(re.search(r"```json\n(.*?)```", sections["schema"], re.DOTALL).group(1))
    return sections["system"].strip(), sections["user"].strip(), schema, data


def body(name, variables, seed=None):
    system, user, schema, data = template(name)

    def fill(text):
        def value(match):
            key = match.group(1)
            return f'<data name="{key}">\n{variables[key]}\n</data>' if key in data else str(variables[key])
        return re.sub(r"\{\{(\w+)\}\}", value, text)

    request = {"model": "cohorta-sim-main", "temperature": 0.7,
               "messages": [{"role": "system", "content": fill(system)}, {"role": "user", "content": fill(user)}],
               "response_format": {"type": "json_schema", "json_schema": {"name": "guide", "schema": schema}}}
    if seed is not None:
        request["seed"] = seed
    return request, schema


STIMULI_ONE = '1. "Concept A", a written concept:\nA weekly box of fresh ingredients and recipes, delivered on Sundays.'
STIMULI_TWO = STIMULI_ONE + '\n\n2. "Box design", an image the participants look at, described in words:\nA green box.'
PANEL = "Maya Chen, 34, ICU nurse, enthusiast\nTom Berger, 58, Retired teacher, skeptic\nAna Ruiz, 41, Chef, pragmatist"


def guide_variables(**overrides):
    variables = {"language": "English (en)", "participant_count": 3, "max_turns": 60, "total_minutes": 60,
                 "name": "Meal-kit concept test", "objective": "Learn what would make busy parents try meal kits.",
                 "audience": "Parents of children under 10", "stimuli": STIMULI_ONE, "participants": PANEL}
    return {**variables, **overrides}


def write_guide(simulator, **overrides):
    request, schema = body("focus-group/guide", guide_variables(**overrides))
    guide = json.loads(simulator.content(request))
    assert violations(guide, schema) == [], guide
    assert limit_violations(guide) == [], guide
    return guide


def with_ids(guide):
    """The guide as DiscussionGuide.json shows it to the section prompt: ids by position, no version."""
    sections = []
    for n, section in enumerate(guide["sections"], 1):
        questions = [{"id": f"s{n}q{m}", **question} for m, question in enumerate(section["questions"], 1)]
        poll = section["poll"] and {"id": f"s{n}p", **section["poll"]}
        sections.append({"id": f"s{n}", **section, "questions": questions, "poll": poll})
    return {"introduction": guide["introduction"], "sections": sections, "closing": guide["closing"]}


def rewrite_section(simulator, guide, section_id, turn_budget, minutes, **overrides):
    variables = {**guide_variables(**overrides), "section_id": section_id, "section_number": section_id[1:],
                 "section_count": len(guide["sections"]), "turn_budget": turn_budget, "minutes": minutes,
                 "guide": json.dumps(with_ids(guide), ensure_ascii=False)}
    del variables["total_minutes"]
    request, schema = body("focus-group/guide-section", variables)
    section = json.loads(simulator.content(request))
    assert violations(section, schema) == [], section
    assert limit_violations({"introduction": "x", "sections": [section], "closing": "x"}) == [], section
    return section


def limit_violations(guide):
    """What DiscussionGuide(json:) would refuse (GuideLimits)."""
    problems = []
    if not 1 <= len(guide["sections"]) <= 8:
        problems.append("sections")
    for text in (guide["introduction"], guide["closing"]):
        if not 0 < len(text.strip()) <= 1000:
            problems.append("framing")
    for section in guide["sections"]:
        if not 0 < len(section["title"]) <= 120 or len(section["goal"]) > 500:
            problems.append(f"title/goal {section['title']!r}")
        if not 1 <= section["minutes"] <= 60 or not 2 <= section["turn_budget"] <= 40:
            problems.append(f"minutes/turns {section['title']!r}")
        if not 1 <= len(section["questions"]) <= 6:
            problems.append(f"questions {section['title']!r}")
        for question in section["questions"]:
            if not 0 < len(question["text"]) <= 500 or len(question["probes"]) > 4:
                problems.append(f"question {question['text']!r}")
        poll = section["poll"]
        if poll is not None:
            labels = [option.lower() for option in poll["options"]]
            if not 2 <= len(labels) <= 7 or len(set(labels)) != len(labels) or not 1 <= poll["samples"] <= 5:
                problems.append(f"poll {poll}")
            if poll["kind"] == "likert" and len(labels) not in LIKERT_SIZES:
                problems.append(f"likert {poll}")
    return problems


def questions_of(guide):
    return [question["text"] for section in guide["sections"] for question in section["questions"]]


def test_a_guide_funnels_from_warm_up_through_the_stimulus_to_wrap_up(simulator):
    guide = write_guide(simulator)
    titles = [section["title"] for section in guide["sections"]]
    assert 3 <= len(titles) <= 5, titles
    assert guide["sections"][0]["poll"] is None, "the warm-up has no poll"
    assert sum(section["turn_budget"] for section in guide["sections"]) == 60
    assert 50 <= sum(section["minutes"] for section in guide["sections"]) <= 70
    exposure = next(section for section in guide["sections"] if "Concept A" in section["title"])
    assert any("Concept A" in question for question in (q["text"] for q in exposure["questions"]))
    assert exposure["poll"]["kind"] == "likert" and len(exposure["poll"]["options"]) == 5
    assert exposure["poll"]["options"][0] == "Very unlikely"
    assert any(section["poll"] and section["poll"]["kind"] == "ranking" for section in guide["sections"])
    assert "meal kits" in " ".join(questions_of(guide)), "the questions are about the objective's topic"
    assert len(set(questions_of(guide))) == len(questions_of(guide))
    for section in guide["sections"]:
        assert len(section["questions"]) * 2 <= section["turn_budget"] or len(section["questions"]) == 1, section


def test_the_same_request_gives_the_same_guide(simulator):
    assert write_guide(simulator) == write_guide(simulator)


def test_several_stimuli_are_shown_then_chosen_between(simulator):
    guide = write_guide(simulator, stimuli=STIMULI_TWO)
    polls = [section["poll"] for section in guide["sections"] if section["poll"]]
    choice = next(poll for poll in polls if poll["kind"] == "choice")
    assert choice["options"] == ["Concept A", "Box design", "None of these"]
    asked = " ".join(questions_of(guide))
    assert "“Concept A”" in asked and "“Box design”" in asked


def test_without_stimuli_the_guide_explores_needs_and_invents_none(simulator):
    guide = write_guide(simulator, stimuli="None.")
    assert not any("“" in question for question in questions_of(guide) if "Concept" in question)
    assert [section["poll"]["kind"] for section in guide["sections"] if section["poll"]] == ["ranking"]
    assert "show you" not in guide["introduction"]


def test_a_german_group_gets_a_german_guide(simulator):
    guide = write_guide(simulator, language="German (de)", name="Kochboxen für Familien")
    assert guide["introduction"].startswith("Herzlich willkommen")
    assert "„Kochboxen für Familien“" in guide["introduction"]
    likert = next(section["poll"] for section in guide["sections"] if section["poll"] and
                  section["poll"]["kind"] == "likert")
    assert likert["options"][0] == "Sehr unwahrscheinlich"
    assert "Wie wahrscheinlich" in likert["question"] and "„Concept A“" in likert["question"]
    assert not any(word in " ".join(questions_of(guide)) for word in (" the ", " you ", "What "))


def test_an_unknown_language_gets_coherent_english(simulator):
    guide = write_guide(simulator, language='the language with the BCP 47 tag "tlh"')
    assert guide["introduction"].startswith("Welcome")


@pytest.mark.parametrize("max_turns, sections", [(6, 3), (20, 5), (200, 5)])
def test_turn_budgets_add_up_to_the_sessions_turns(simulator, max_turns, sections):
    guide = write_guide(simulator, max_turns=max_turns, total_minutes=min(max(max_turns, 10), 120))
    assert len(guide["sections"]) == sections
    assert sum(section["turn_budget"] for section in guide["sections"]) == max_turns


def test_a_rewritten_section_does_the_same_job_with_new_questions(simulator):
    guide = write_guide(simulator)
    for index, current in enumerate(guide["sections"]):
        section = rewrite_section(simulator, guide, f"s{index + 1}", turn_budget=current["turn_budget"], minutes=9)
        assert section["turn_budget"] == current["turn_budget"] and section["minutes"] == 9
        assert section["title"] != current["title"]
        assert not {q["text"] for q in section["questions"]} & {q["text"] for q in current["questions"]}, section
        assert (section["poll"] is None) == (current["poll"] is None)
        if current["poll"]:
            assert section["poll"]["kind"] == current["poll"]["kind"]
        if "Concept A" in current["title"]:
            assert "Concept A" in section["title"]


def test_a_rewritten_german_section_stays_german(simulator):
    guide = write_guide(simulator, language="German (de)")
    section = rewrite_section(simulator, guide, "s1", turn_budget=5, minutes=4, language="German (de)")
    assert section["turn_budget"] == 5
    assert all(question["text"].endswith(("?", ".")) for question in section["questions"])
    assert "Sie" in " ".join(question["text"] for question in section["questions"])
