"""The discussion itself: session/participant and session/moderator answers, and the quality-gate faults."""

import json
import re

import pytest

from session_prompts import (GROUP, PANEL, QUESTION, Template, moderator_body, participant_body, transcript)
from sim_helpers import sse_events

MAYA, TOM, PRIYA, KARL = PANEL
STANCE_WORDS = {
    "positive": ["straight away", "really like", "clear yes", "sign up"],
    "critical": ["not convinced", "rarely does", "want proof", "burned before"],
}
DISAGREEING = ["see it differently", "not with", "not how it is", "push back"]
AGREEING = ["I'm with", "has a point", "Like ", "put it well"]
LANGUAGE_WORDS = {
    "en": {"the", "and", "i", "it", "is", "my", "to", "that", "for", "on", "me", "with"},
    "de": {"ich", "das", "und", "nicht", "mir", "ist", "es", "mich", "die", "für", "sie", "bei", "so", "danke",
           "dass"},
    "fr": {"je", "c'est", "pas", "et", "ça", "pour", "de", "mon", "la", "le", "moi", "vous", "que", "merci"},
    "es": {"de", "que", "no", "me", "y", "mi", "es", "la", "el", "lo", "para", "en", "con", "por", "gracias"},
}


def shingles(text):
    """Word trigrams exactly as Domain/Conversation/QualityGate.swift counts them."""
    words = re.findall(r"(?:[^\W_]|')+", text.lower())
    if len(words) < 3:
        return {" ".join(words)} if words else set()
    return {" ".join(words[n:n + 3]) for n in range(len(words) - 2)}


def similarity(left, right):
    first, second = shingles(left), shingles(right)
    return len(first & second) / len(first | second) if first and second else 0.0


def sentence_count(text):
    return len(re.findall(r"[.!?](?:\s|$)", text))


def turn(simulator, person, lines, **options):
    return simulator.content(participant_body(person[1], lines, **options))


def opening_lines():
    return [(1, "Moderator", None, QUESTION)]


# --- participants ---

def test_a_participant_answers_in_character_about_the_question(simulator):
    content = turn(simulator, MAYA, opening_lines())
    assert 1 <= sentence_count(content) <= 4
    assert "meal-kit subscription" in content.lower()
    assert not re.search(r"as an ai|language model|persona|\n\s*[-*\d]", content, re.IGNORECASE)
    assert not re.match(r"\s*\w+( \w+)?:", content)


@pytest.mark.parametrize("person, stance, opposite", [(TOM, "positive", "critical"), (MAYA, "critical", "positive")])
def test_the_attitude_sets_the_stance(simulator, person, stance, opposite):
    for seed in range(6):
        content = simulator.content({**participant_body(person[1], opening_lines()), "seed": seed})
        assert any(words in content for words in STANCE_WORDS[stance]), content
        assert not any(words in content for words in STANCE_WORDS[opposite]), content


def test_the_persona_s_own_details_come_up(simulator):
    details = [*MAYA[1]["psychographics"]["frustrations"], *MAYA[1]["psychographics"]["motivations"],
               *MAYA[1]["psychographics"]["values"], *MAYA[1]["behaviours"]["shopping"], "nurse", "budget"]
    contents = [simulator.content({**participant_body(MAYA[1], opening_lines()), "seed": seed}) for seed in range(6)]
    assert all(any(detail in content for detail in details) for content in contents), contents
    assert len(set(contents)) > 1


def test_a_skeptic_pushes_back_on_an_enthusiast_by_name(simulator):
    lines = opening_lines() + [(2, "Tom Berger", TOM[0], "I'd sign up tomorrow; it would save my evenings.")]
    for seed in range(6):
        content = simulator.content({**participant_body(MAYA[1], lines), "seed": seed})
        first = re.split(r"(?<=[.!?])\s", content)[0]
        assert "Tom" in first and any(words in first for words in DISAGREEING), content


def test_like_minded_participants_agree_by_name(simulator):
    lines = opening_lines() + [(2, "Karl Weber", KARL[0], "I've never needed any of this, and the bus pays little.")]
    reactions = []
    for seed in range(10):
        content = simulator.content({**participant_body(MAYA[1], lines), "seed": seed})
        assert not any(words in content for words in DISAGREEING), content
        reactions.append("Karl" in content and any(words in content for words in AGREEING))
    assert any(reactions)


def test_a_direct_question_is_answered_directly(simulator):
    lines = opening_lines() + [(2, "Researcher", None, "Maya, you mentioned price earlier; say more?")]
    content = turn(simulator, MAYA, lines, cue="The researcher asked you directly: answer them.")
    assert content.startswith(("Since you're asking me directly", "Fair enough, you asked me"))


def test_a_long_discussion_never_comes_near_an_earlier_line(simulator):
    lines = opening_lines()
    order = [MAYA, TOM, PRIYA, KARL, TOM, MAYA, PRIYA, KARL, MAYA, TOM, KARL, PRIYA, TOM, MAYA, KARL, PRIYA, MAYA,
             TOM, PRIYA, KARL]
    for position, person in enumerate(order):
        if position == 10:
            lines.append((len(lines) + 1, "Moderator", None, "What would put you off for good?"))
        content = turn(simulator, person, lines)
        worst = max((similarity(content, text), seq) for seq, _, _, text in lines)
        assert worst[0] < 0.6, f"turn {position} repeats message {worst[1]}: {content}"
        lines.append((len(lines) + 1, person[1]["name"], person[0], content))


def test_feedback_brings_a_clearly_different_text(simulator):
    lines = opening_lines() + [(2, "Tom Berger", TOM[0], "I'd sign up tomorrow; it would save my evenings.")]
    first = turn(simulator, MAYA, lines)
    for feedback in ("It repeated message 2. Say something new.",
                     "It stepped out of character. Speak only as yourself."):
        retry = turn(simulator, MAYA, lines, feedback=feedback)
        assert similarity(first, retry) < 0.6, (first, retry)
        assert "meal-kit subscription" in retry.lower()
        assert retry == turn(simulator, MAYA, lines, feedback=feedback)


@pytest.mark.parametrize("tag, language, question", [
    ("de", "de", "Was würde Sie überzeugen, ein Abo für Kochboxen abzuschließen?"),
    ("de-AT", "de", "Was würde Sie überzeugen, ein Abo für Kochboxen abzuschließen?"),
    ("fr", "fr", "Qu'est-ce qui vous ferait payer pour une box repas ?"),
    ("es", "es", "¿Qué te haría pagar por una suscripción de comida?"),
    ("en-GB", "en", QUESTION),
])
def test_participants_speak_the_session_language(simulator, tag, language, question):
    lines = [(1, "Moderator", None, question), (2, "Tom Berger", TOM[0], "Ich würde es sofort ausprobieren.")]
    for seed in range(4):
        content = simulator.content({**participant_body(MAYA[1], lines, language=tag, question=question),
                                     "seed": seed})
        assert _language_of(content) == language, content


def _language_of(text):
    words = re.findall(r"[\w']+", text.lower())
    return max(LANGUAGE_WORDS, key=lambda language: sum(word in LANGUAGE_WORDS[language] for word in words))


def test_participant_answers_are_deterministic_and_stream_the_same_text(simulator):
    body = participant_body(PRIYA[1], opening_lines())
    content = simulator.content(body)
    assert simulator.content(body) == content
    events, done = sse_events(simulator.chat({**body, "stream": True, "stream_options": {"include_usage": True}},
                                             stream=True))
    streamed = "".join(event["choices"][0]["delta"].get("content", "") for event in events if event["choices"])
    assert done and streamed == content
    assert events[-1]["usage"]["completion_tokens"] > 0


# --- the moderator ---

ITEMS = {
    "open": "Introduction: Today we talk about how your family plans its meals.\nFirst question: " + QUESTION,
    "ask": "Section «Current habits» (goal: learn the routine)\nQuestion: How do you plan meals in a normal week?",
    "new_section": "New section\nSection «Price and value» (goal: price thresholds)\n"
                   "Question: How much would you pay per week?",
    "probe": f"Question: {QUESTION}\nProbe: What would put you off?",
    "acknowledge": f"Researcher said: Does the packaging waste bother anyone?\nCurrent question: {QUESTION}",
    "hand_back": "The researcher moderated from message 14. Continue with: How do you plan meals in a normal week?",
    "close": "Closing: Your views will help shape the product.\nReason: completed",
}
SPOKEN = [(1, "Moderator", None, QUESTION),
          (2, "Maya Chen", MAYA[0], "There's always a catch with these boxes, usually hidden fees."),
          (3, "Tom Berger", TOM[0], "I'd sign up tomorrow; it would save my evenings.")]


def moderate(simulator, task, lines=SPOKEN, language="en", item=None):
    return simulator.content(moderator_body(task, item or ITEMS[task], lines, language=language))


def test_the_moderator_opens_with_the_group_and_the_first_question(simulator):
    content = moderate(simulator, "open", lines=())
    assert content.startswith("Welcome, Maya, Tom, Priya and Karl")
    assert "how your family plans its meals" in content and content.endswith(QUESTION)
    assert "no right or wrong answers" in content


def test_the_moderator_asks_the_guide_question(simulator):
    content = moderate(simulator, "ask")
    assert content.endswith("How do you plan meals in a normal week?")
    assert sentence_count(content) <= 3


def test_a_new_section_gets_a_transition(simulator):
    content = moderate(simulator, "ask", item=ITEMS["new_section"])
    assert "price and value" in content.lower() and content.endswith("How much would you pay per week?")


def test_a_probe_builds_on_the_last_speaker(simulator):
    content = moderate(simulator, "probe")
    assert content.startswith("Tom, you") and content.endswith("What would put you off?")


def test_the_moderator_acknowledges_the_researcher_and_asks_the_group(simulator):
    content = moderate(simulator, "acknowledge")
    assert content.startswith(("Thanks for jumping in.", "Thank you for that question."))
    assert "Does the packaging waste bother anyone?" in content


def test_the_moderator_takes_back_the_seat_and_continues_from_the_guide(simulator):
    content = moderate(simulator, "hand_back")
    assert content.startswith(("Thanks for taking us through that part.", "Thank you for leading"))
    assert content.endswith("How do you plan meals in a normal week?")


@pytest.mark.parametrize("reason, opening", [
    ("completed", ("That brings us to the end", "We've come to the end")),
    ("usd_cap", ("We've run out of time", "That's all the time")),
])
def test_the_moderator_closes_without_a_new_question(simulator, reason, opening):
    content = moderate(simulator, "close", item=f"Closing: Your views will help shape the product.\nReason: {reason}")
    assert content.startswith(opening) and "?" not in content
    assert "Maya, Tom, Priya and Karl" in content


@pytest.mark.parametrize("language, words", [("de", "Herzlich willkommen"), ("fr", "Bienvenue"),
                                             ("es", "Bienvenidos")])
def test_the_moderator_speaks_the_session_language(simulator, language, words):
    assert moderate(simulator, "open", lines=(), language=language).startswith(words)
    assert _language_of(moderate(simulator, "hand_back", language=language).rsplit(":", 1)[0]) == language


# --- quality-gate faults ---

def test_break_character_makes_the_next_plain_text_answer_step_out_of_the_role(simulator):
    simulator.inject("break_character")
    decision = Template("session/decision").body(
        mode="round_robin", question=QUESTION, participants=f"{MAYA[0]} | Maya Chen | skeptic | 0 turns | never spoke",
        transcript="")
    json.loads(simulator.content(decision))  # a JSON answer does not take the fault
    broken = turn(simulator, MAYA, opening_lines())
    assert broken.startswith("As an AI language model, I don't have personal opinions")
    assert "As an AI" not in turn(simulator, MAYA, opening_lines())
    assert simulator.stats()["faults_served"]["break_character"] >= 1


def test_repeat_last_repeats_the_last_transcript_line_verbatim(simulator):
    simulator.inject("repeat_last")
    assert turn(simulator, MAYA, SPOKEN) == SPOKEN[-1][3]
    assert turn(simulator, MAYA, SPOKEN) != SPOKEN[-1][3]


def test_the_text_faults_are_listed_while_queued(simulator):
    simulator.inject("repeat_last", "break_character")
    assert [fault["kind"] for fault in simulator.stats()["pending_faults"]] == ["repeat_last", "break_character"]


def test_group_is_rendered_into_both_templates():
    assert GROUP in participant_body(MAYA[1], [])["messages"][1]["content"]
    assert f'<data name="transcript">\n{transcript(SPOKEN)}\n</data>' in moderator_body("ask", ITEMS["ask"],
                                                                                      SPOKEN)["messages"][1]["content"]
