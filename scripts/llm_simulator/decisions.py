"""The run's structured judgements: the decision step between turns (session/decision) and each participant's
private poll answer (session/poll).

Decision: the next speaker is whoever has been silent longest (never spoke first, then fewest turns on the
question), not the one who just spoke, with a seeded 25 % chance of the runner-up; someone the moderator or
the researcher names in the last message comes first (and has desire 1; everyone else at most 0.95). The
question is exhausted once it has 3 turns or more, with a seeded chance rising 15 points a turn from 35 %; a
probe is asked now and then after 1 or 2 turns, more often when the last answer was short.
Poll: likert follows the attitude (enthusiast high … resistant low) with seeded noise of one point; choice is
seeded; ranking is a seeded permutation.
"""

import re

from .conversation import far_apart, stance_of
from .schema import sub_rng
from .transcript import parse_seats

SHORT_ANSWER_WORDS = 15
# Where on a likert scale (0 lowest … 1 highest) each stance answers.
LIKERT_POSITION = {"positive": 0.9, "conditional": 0.6, "neutral": 0.5, "critical": 0.3, "resistant": 0.05}


def decision(request, seed):
    rng = sub_rng(seed, "decision")
    seats = parse_seats(request.section("participants"))
    if not seats:
        return {"next_speaker": None, "desires": [], "question_exhausted": False, "probe": False,
                "reason": "No participants are listed."}
    turns = sum(seat.turns for seat in seats)
    spoken = [seat for seat in seats if seat.silent_for is not None]
    latest = min(spoken, key=lambda seat: seat.silent_for) if spoken else None
    waiting = sorted((seat for seat in seats if seat is not latest) or seats,
                     key=lambda seat: (-(seat.silent_for if seat.silent_for is not None else 10 ** 6), seat.turns))
    last = request.lines[-1] if request.lines else None
    asked = last.text if last and not last.is_participant else ""
    addressed = next((seat for seat in seats if re.search(rf"\b{re.escape(seat.first_name)}\b", asked)), None)
    chosen = addressed or (waiting[1] if len(waiting) > 1 and rng.random() < 0.25 else waiting[0])

    exhausted = turns >= 3 and rng.random() < min(0.9, 0.35 + 0.15 * (turns - 3))
    answers = [line for line in request.lines if line.is_participant]
    short = bool(answers) and len(answers[-1].text.split()) < SHORT_ANSWER_WORDS
    probe = not exhausted and 1 <= turns <= 2 and rng.random() < (0.6 if short else 0.25)

    desires = []
    for seat in seats:
        silence = 6 if seat.silent_for is None else min(seat.silent_for, 6)
        desire = 0.2 + 0.1 * silence - 0.08 * seat.turns + rng.uniform(-0.08, 0.08)
        if latest is not None and seat is not latest and far_apart(seat.attitude, latest.attitude):
            desire += 0.15
        desire = 1.0 if seat is addressed else min(0.95, max(0.0, desire))
        desires.append({"persona_id": seat.persona_id, "desire": round(desire, 2)})

    return {"next_speaker": chosen.persona_id, "desires": desires, "question_exhausted": exhausted, "probe": probe,
            "reason": _reason(chosen, addressed, exhausted, probe)}


def _reason(chosen, addressed, exhausted, probe):
    if addressed:
        who = f"{chosen.name} was addressed directly."
    elif chosen.silent_for is None:
        who = f"{chosen.name} has not spoken yet."
    else:
        who = f"{chosen.name} has been quiet longest."
    if exhausted:
        return who + " Recent answers add little new, so the question looks covered."
    if probe:
        return who + " The answers so far are thin, so a follow-up should draw out reasons."
    return who + " The question still has angles to explore."


def poll(request, seed):
    rng = sub_rng(seed, "poll")
    options = re.findall(r"^\s*(\d+)[.)]\s+\S", request.section("poll"), re.MULTILINE)
    count = len(options) or 5
    kind = request.fields.get("poll kind", "likert").strip().lower()
    if kind == "ranking":
        order = list(range(1, count + 1))
        rng.shuffle(order)
        return {"answer": order}
    if kind == "choice":
        return {"answer": [rng.randint(1, count)]}
    position = LIKERT_POSITION[stance_of(request.persona.get("attitude"))]
    point = 1 + round(position * (count - 1)) + rng.choice([-1, 0, 0, 0, 1])
    return {"answer": [min(count, max(1, point))]}

