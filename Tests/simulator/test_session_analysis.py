"""Judgements and analysis: session/decision, session/summary, session/themes, session/report and session/poll."""

import json
import statistics

import pytest

from session_prompts import GROUP, PANEL, QUESTION, Template, transcript
from sim_helpers import violations

MAYA, TOM, PRIYA, KARL = PANEL
IDS = [persona_id for persona_id, _ in PANEL]
LINES = [
    (11, "Moderator", None, QUESTION),
    (12, "Maya Chen", MAYA[0], "I'd never pay that much. The price always creeps up after the first box."),
    (13, "Tom Berger", TOM[0], "Maya, I see it differently. It would save me an hour every evening, and that's "
                               "worth the money."),
    (14, "Researcher", None, "Priya, you mentioned time earlier; say more?"),
    (15, "Priya Nair", PRIYA[0], "Time is the whole point for me. But I don't trust the price to stay low."),
    (16, "Karl Weber", KARL[0], "I cook from what's in the cupboard. I don't need anyone to post me a recipe."),
]


def answer(simulator, name, seed=None, **values):
    template = Template(name)
    value = json.loads(simulator.content(template.body(seed=seed, **values)))
    assert violations(value, template.schema) == [], value
    return value


# --- decision ---

def seats(records):
    """[(turns on the question, turns since last spoke or None)] per panel member → the participants lines."""
    return "\n".join(
        f"{persona_id} | {person['name']} | {person['attitude']} | {turns} turns on this question | "
        + ("never spoke" if ago is None else f"last spoke {ago} turns ago")
        for (persona_id, person), (turns, ago) in zip(PANEL, records))


def decide(simulator, records, lines=LINES[:3], seed=None, mode="desire_based"):
    return answer(simulator, "session/decision", seed=seed, mode=mode, question=QUESTION,
                  participants=seats(records), transcript=transcript(lines))


def test_a_decision_names_a_listed_speaker_and_every_desire(simulator):
    value = decide(simulator, [(1, 2), (1, 1), (0, None), (0, None)])
    assert value["next_speaker"] in IDS
    assert [desire["persona_id"] for desire in value["desires"]] == IDS
    assert all(0 <= desire["desire"] <= 1 for desire in value["desires"])
    assert value["reason"].endswith(".")


def test_the_longest_silent_speaks_next_and_never_the_last_speaker(simulator):
    picks = [decide(simulator, [(2, 1), (1, 2), (0, None), (1, 5)], seed=seed)["next_speaker"] for seed in range(20)]
    assert MAYA[0] not in picks
    assert picks.count(PRIYA[0]) >= 12
    assert set(picks) <= {PRIYA[0], KARL[0]}


def test_someone_just_addressed_speaks_next(simulator):
    value = decide(simulator, [(1, 3), (1, 2), (0, 1), (0, None)], lines=LINES[:4])
    assert value["next_speaker"] == PRIYA[0]
    assert max(value["desires"], key=lambda desire: desire["desire"])["persona_id"] == PRIYA[0]


def test_a_question_is_exhausted_only_after_three_turns_and_more_often_later(simulator):
    def exhausted(records):
        return sum(decide(simulator, records, seed=seed)["question_exhausted"] for seed in range(30))
    assert exhausted([(1, 2), (1, 1), (0, None), (0, None)]) == 0
    at_three = exhausted([(1, 3), (1, 2), (1, 1), (0, None)])
    at_eight = exhausted([(2, 3), (2, 2), (2, 1), (2, 4)])
    assert 0 < at_three < at_eight


def test_probes_come_now_and_then_on_a_fresh_question(simulator):
    early = [decide(simulator, [(1, 2), (1, 1), (0, None), (0, None)], seed=seed) for seed in range(30)]
    assert 0 < sum(value["probe"] for value in early) < 30
    late = [decide(simulator, [(2, 3), (2, 2), (2, 1), (2, 4)], seed=seed) for seed in range(10)]
    assert not any(value["probe"] for value in late)
    assert not any(value["probe"] and value["question_exhausted"] for value in early + late)


# --- summary ---

def summarise(simulator, old="", lines=LINES, language="en"):
    return simulator.content(Template("session/summary").body(language=language, summary=old,
                                                              lines=transcript(lines)))


def test_the_summary_keeps_who_said_what_and_who_disagreed(simulator):
    text = summarise(simulator, old="Earlier, the group described their weekly shop.")
    assert text.startswith("Earlier, the group described their weekly shop.")
    assert "Maya Chen said: I'd never pay that much." in text
    assert "Tom Berger disagreed with Maya:" in text
    assert "The researcher said: Priya, you mentioned time earlier; say more?" in text
    assert "The moderator asked:" in text


def test_the_summary_stays_within_its_bound_and_keeps_the_newest_lines(simulator):
    old = " ".join(f"Point {n}: someone said something about boxes." for n in range(80))
    text = summarise(simulator, old=old)
    assert len(old) > 1800 and len(text) <= 1800
    assert "Karl Weber said: I cook from what's in the cupboard." in text


def test_the_summary_is_written_in_the_session_language(simulator):
    assert "Maya Chen sagte:" in summarise(simulator, language="de")
    assert "Maya Chen dijo:" in summarise(simulator, language="es")


# --- themes and report ---

def check_grounded(themes, lines=LINES):
    by_seq = {seq: (persona_id, text) for seq, _, persona_id, text in lines if persona_id}
    for theme in themes:
        assert theme["title"] and theme["summary"]
        assert len({quote["persona_id"] for quote in theme["quotes"]}) >= 2, theme
        for quote in theme["quotes"]:
            persona_id, text = by_seq[quote["seq"]]
            assert quote["persona_id"] == persona_id and quote["text"] in text, quote


def test_themes_quote_exact_words_of_two_or_more_participants(simulator):
    for seed in range(5):
        themes = answer(simulator, "session/themes", seed=seed, language="en", group=GROUP, themes="[]",
                        transcript=transcript(LINES))["themes"]
        assert 2 <= len(themes) <= 4
        check_grounded(themes)
    assert "Price and value for money" in [theme["title"] for theme in themes]


def test_there_are_no_themes_before_two_participants_spoke(simulator):
    value = answer(simulator, "session/themes", language="en", group=GROUP, themes="[]",
                   transcript=transcript(LINES[:2] + [(13, "Maya Chen", MAYA[0], "And the boxes are too big.")]))
    assert value == {"themes": []}


def test_previous_themes_are_refined_not_replaced(simulator):
    previous = json.dumps([{"title": "Saving time in the evening", "summary": "…", "quotes": []}])
    themes = answer(simulator, "session/themes", language="en", group=GROUP, themes=previous,
                    transcript=transcript(LINES))["themes"]
    assert themes[0]["title"] == "Saving time in the evening"
    check_grounded(themes)


def test_quotes_from_a_line_the_prompt_cut_short_are_still_exact(simulator):
    full = ("Time is the whole point for me. But I don't trust the price to stay low, because it never does "
            "and the small print changes")
    lines = [LINES[1], (15, "Priya Nair", PRIYA[0], full[:80] + "…")]
    themes = answer(simulator, "session/themes", language="en", group=GROUP, themes="[]",
                    transcript=transcript(lines))["themes"]
    assert themes
    check_grounded(themes, [LINES[1], (15, "Priya Nair", PRIYA[0], full)])


def test_themes_are_titled_in_the_session_language(simulator):
    themes = answer(simulator, "session/themes", language="fr", group=GROUP, themes="[]",
                    transcript=transcript(LINES))["themes"]
    assert "Prix et rapport qualité-prix" in [theme["title"] for theme in themes]
    assert " et " in themes[0]["summary"]


def test_the_report_summarises_and_cites_evidence(simulator):
    value = answer(simulator, "session/report", language="en", group=GROUP, summary="The group met on a Tuesday.",
                   themes="[]", polls="Would you subscribe? mean 2.4 of 5 (95% CI 1.6–3.2)",
                   transcript=transcript(LINES))
    assert value["summary"].startswith("4 participants (Maya Chen, Tom Berger, Priya Nair and Karl Weber)")
    assert "meal-kit subscriptions" in value["summary"] and "mean 2.4 of 5" in value["summary"]
    assert 2 <= len(value["themes"]) <= 4
    check_grounded(value["themes"])


def test_a_report_of_a_session_without_participants_has_no_themes(simulator):
    value = answer(simulator, "session/report", language="en", group=GROUP, summary="", themes="[]", polls="",
                   transcript=transcript(LINES[:1]))
    assert value["themes"] == [] and value["summary"]


# --- polls ---

LIKERT = ("Question: How likely are you to subscribe?\n"
          "1. Very unlikely\n2. Unlikely\n3. Unsure\n4. Likely\n5. Very likely")
RANKING = "Question: Rank what matters most.\n1. Price\n2. Taste\n3. Time saved\n4. Less waste"


def poll(simulator, person, kind, text, seed):
    return answer(simulator, "session/poll", seed=seed, language="en", kind=kind, persona=json.dumps(person[1]),
                  poll=text, summary="")["answer"]


def test_likert_answers_follow_the_attitude(simulator):
    means = {}
    for person in (TOM, PRIYA, MAYA, KARL):
        answers = [poll(simulator, person, "likert", LIKERT, seed) for seed in range(12)]
        assert all(len(given) == 1 and 1 <= given[0] <= 5 for given in answers)
        means[person[1]["attitude"]] = statistics.mean(given[0] for given in answers)
    assert means["enthusiast"] > means["pragmatist"] > means["skeptic"] > means["resistant"]


def test_a_choice_is_one_option_and_varies_with_the_seed(simulator):
    answers = [poll(simulator, MAYA, "choice", RANKING, seed) for seed in range(12)]
    assert all(len(given) == 1 and 1 <= given[0] <= 4 for given in answers)
    assert len({given[0] for given in answers}) > 1


def test_a_ranking_orders_every_option_once(simulator):
    answers = [poll(simulator, TOM, "ranking", RANKING, seed) for seed in range(6)]
    assert all(sorted(given) == [1, 2, 3, 4] for given in answers)
    assert len({tuple(given) for given in answers}) > 1


@pytest.mark.parametrize("name", ["session/decision", "session/themes", "session/report", "session/poll"])
def test_the_invalid_schema_fault_still_breaks_session_answers(simulator, name):
    values = {"session/decision": dict(mode="round_robin", question=QUESTION, participants=seats([(0, None)] * 4),
                                       transcript=""),
              "session/themes": dict(language="en", group=GROUP, themes="[]", transcript=transcript(LINES)),
              "session/report": dict(language="en", group=GROUP, summary="", themes="[]", polls="",
                                     transcript=transcript(LINES)),
              "session/poll": dict(language="en", kind="likert", persona=json.dumps(MAYA[1]), poll=LIKERT,
                                   summary="")}[name]
    template = Template(name)
    simulator.inject("invalid_schema")
    assert violations(json.loads(simulator.content(template.body(**values))), template.schema) != []
