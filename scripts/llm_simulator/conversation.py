"""What the moderator and the participants say: answers to session/moderator and session/participant.

A participant speaks from the persona JSON (the attitude sets the stance, the lists and the occupation give the
personal detail), reacts to the previous participant by first name (pushing back when their attitudes are far
apart), names the question's topic, and never comes near an earlier line: of several seeded candidates it keeps
the first whose word-trigram similarity to every transcript line stays under REPEAT_LIMIT. With feedback, the
request's first draft is computed too and avoided the same way, so the retry is clearly different.
"""

import re

from .phrases import PHRASES, fill, join_names
from .schema import sub_rng
from .transcript import jaccard, sentences
from .vocabulary import STOPWORDS

REPEAT_LIMIT = 0.35   # the quality gate regenerates at 0.6; stay well below it
CANDIDATES = 12

# Attitude → stance; the number places stances on one axis, so "far apart" means a difference of 2 or more.
STANCES = {"positive": 2, "conditional": 1, "neutral": 0, "critical": -1, "resistant": -2}
_ATTITUDE_STANCE = (("enthusias", "positive"), ("early adopter", "positive"), ("fan", "positive"),
                    ("pragmat", "conditional"), ("price", "conditional"), ("cautious", "conditional"),
                    ("loyal", "conditional"), ("neutral", "neutral"), ("indifferent", "neutral"),
                    ("skeptic", "critical"), ("sceptic", "critical"), ("cynic", "critical"),
                    ("resist", "resistant"), ("reject", "resistant"))


def stance_of(attitude):
    lowered = str(attitude or "").lower()
    return next((stance for marker, stance in _ATTITUDE_STANCE if marker in lowered), "conditional")


def far_apart(attitude, other):
    return abs(STANCES[stance_of(attitude)] - STANCES[stance_of(other)]) >= 2


def _words_of(entry):
    if isinstance(entry, dict):
        entry = list(entry.values())
    if isinstance(entry, list):
        for value in entry:
            yield from _words_of(value)
    elif isinstance(entry, str):
        yield from (word.lower() for word in re.findall(r"[^\W\d_][\w'-]*", entry))


# Words of our own sentence templates: never picked as the "point" someone made.
_FILLER = set(_words_of(PHRASES))


# --- participants ---

def participant(request, seed):
    persona = request.persona
    draft = _turn(request, persona, sub_rng(seed, "participant"), retry=False, avoid=[])
    if not request.fields.get("feedback"):
        return draft
    return _turn(request, persona, sub_rng(seed, "participant", "retry"), retry=True, avoid=[draft])


def _turn(request, persona, rng, retry, avoid):
    earlier = [line.text for line in request.lines] + avoid
    best = None
    for _ in range(CANDIDATES):
        text = _candidate(request, persona, rng, retry)
        similarity = max((jaccard(text, other) for other in earlier), default=0.0)
        if similarity < REPEAT_LIMIT:
            return text
        if best is None or similarity < best[0]:
            best = (similarity, text)
    return best[1]


def _candidate(request, persona, rng, retry):
    words = PHRASES[request.language]
    gender = persona.get("gender")
    attitude = persona.get("attitude", "")
    topic = request.topic()
    stance = fill(rng.choice(words["stance"][stance_of(attitude)]), gender, topic=topic)
    detail = _detail(persona, words, rng, request.language)
    if retry:
        return " ".join([rng.choice(words["retry"]), detail, stance])
    parts = []
    reaction = _reaction(request, persona, words, rng, topic)
    if "direct" in request.fields.get("cue", "").lower():
        parts.append(fill(rng.choice(words["direct"]), gender))
    elif reaction:
        parts.append(reaction)
    parts += [stance, detail] if rng.random() < 0.6 else [detail, stance]
    if rng.random() < 0.4:
        parts.append(fill(rng.choice(words["closer"]), gender))
    return " ".join(parts[:4])


def _reaction(request, persona, words, rng, topic):
    """"I'm with Maya on …" or "Tom, I see it differently." about the last participant who is not this persona."""
    own = persona.get("name", "")
    previous = next((line for line in reversed(request.lines)
                     if line.is_participant and line.speaker != own), None)
    if previous is None:
        return None
    member = next((member for member in request.roster() if member.name == previous.speaker), None)
    differs = far_apart(persona.get("attitude"), member.attitude if member else "")
    if not differs and rng.random() < 0.4:
        return None
    point = _point(previous.text, topic, [member.name for member in request.roster()] + [own], rng)
    return fill(rng.choice(words["disagree" if differs else "agree"]), persona.get("gender"),
                name=previous.first_name, point=point)


def _point(text, topic, names, rng):
    """Something the line talked about: one of its runs of content words (two or three words, or one long
    word), else the topic."""
    skip = _FILLER | STOPWORDS | {part.lower() for name in names for part in name.split()}
    runs, run = [], []
    for token in re.findall(r"[^\W\d_][\w'-]*|[^\w\s]", text):
        if token[0].isalpha() and token.lower() not in skip and len(token) > 2:
            run.append(token)
        else:
            runs.append(run)
            run = []
    runs.append(run)
    candidates = [" ".join(run[:3]) for run in runs if len(run) >= 2 or (run and len(run[0]) >= 6)]
    return rng.choice(candidates) if candidates else topic


def _detail(persona, words, rng, language):
    """One personal sentence from the persona's frustrations, motivations, values, occupation, money or habits."""
    psychographics = persona.get("psychographics") if isinstance(persona.get("psychographics"), dict) else {}
    behaviours = persona.get("behaviours") if isinstance(persona.get("behaviours"), dict) else {}
    stance = stance_of(persona.get("attitude"))
    options = []
    for kind, items in (("frustration", psychographics.get("frustrations")),
                        ("motivation", psychographics.get("motivations")),
                        ("value", psychographics.get("values")), ("habit", behaviours.get("shopping"))):
        texts = [item for item in items or [] if isinstance(item, str) and item.strip()]
        if texts:
            weight = 3 if (kind == "frustration") == (stance in ("critical", "resistant", "conditional")) else 1
            options += [(kind, texts)] * weight
    if isinstance(persona.get("occupation"), str) and persona["occupation"].strip():
        options += [("occupation", [persona["occupation"]])] * 2
    band = str(persona.get("income_band", "")).lower()
    if band in ("low", "lower_middle", "lower-middle"):
        options.append(("budget_low", [""]))
    elif band in ("high", "upper_middle", "upper-middle"):
        options.append(("budget_high", [""]))
    if not options:
        options.append(("budget_low", [""]))
    kind, texts = rng.choice(options)
    item = _mid_sentence(rng.choice(texts).strip().rstrip("."), language)
    text = fill(rng.choice(words[kind]), persona.get("gender"), item=item, occupation=item)
    return re.sub(r"\b([Aa]) (?=[aeiouAEIOU])", r"\1n ", text) if language == "en" else text


def _mid_sentence(text, language):
    """"Registered nurse" → "registered nurse" inside a sentence (German keeps its capitalised nouns)."""
    if language == "de" or len(text) < 2 or text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


# --- the moderator ---

def moderator(request, seed):
    rng = sub_rng(seed, "moderator")
    words = PHRASES[request.language]
    item = request.section("item")
    names = [member.first_name for member in request.roster()]
    last = next((line for line in reversed(request.lines) if line.is_participant), None)
    move = _MOVES[request.task]
    return " ".join(part for part in move(request, item, words, rng, names, last) if part)


def _field(item, label):
    match = re.search(rf"{label}:\s*([^\n]+)", item, re.IGNORECASE)
    return match.group(1).strip() if match else ""


def _open(request, item, words, rng, names, last):
    introduction = sentences(_field(item, "Introduction"))
    question = _field(item, "First question") or _field(item, "Question")
    return [fill(rng.choice(words["welcome"]), names=join_names(names, request.language) or "everyone"),
            introduction[0] if introduction else "", rng.choice(words["ground_rules"]),
            fill(rng.choice(words["first"]), question=question)]


def _ask(request, item, words, rng, names, last):
    question = _field(item, "Question") or (item.strip().splitlines() or [""])[-1]
    parts = []
    if "new section" in item.lower():
        title = re.search(r"«([^»]+)»", item)
        title = title.group(1) if title else request.topic(question)
        parts.append(fill(rng.choice(words["transition"]),
                          title=_mid_sentence(title, request.language) if request.language == "en" else title))
    elif last:
        parts.append(fill(rng.choice(words["thanks"]), name=last.first_name))
    spoken = {line.first_name for line in request.lines if line.is_participant}
    quiet = [name for name in names if name not in spoken]
    if quiet and rng.random() < 0.5:
        parts.append(fill(rng.choice(words["invite"]), name=rng.choice(quiet)))
    return parts + [question]


def _probe(request, item, words, rng, names, last):
    probe = _field(item, "Probe") or _field(item, "Question")
    if not last:
        return [probe]
    point = _point(last.text, request.topic(_field(item, "Question")), [line.speaker for line in request.lines], rng)
    return [fill(rng.choice(words["anchor"]), name=last.first_name, point=point), probe]


def _acknowledge(request, item, words, rng, names, last):
    said = _field(item, "Researcher said")
    parts = [rng.choice(words["acknowledge"]), fill(rng.choice(words["to_group"]), said=said)]
    addressed = next((name for name in names if re.search(rf"\b{re.escape(name)}\b", said)), None)
    if addressed:
        if not said.startswith(addressed):
            parts.append(fill(rng.choice(words["addressed"]), name=addressed))
    elif not said.rstrip().endswith("?"):
        parts.append(rng.choice(words["group_follow_up"]))
    return parts


def _hand_back(request, item, words, rng, names, last):
    question = _field(item, "Continue with")
    return [rng.choice(words["hand_back"]), fill(rng.choice(words["carry_on"]), question=question)]


def _close(request, item, words, rng, names, last):
    out_of_time = _field(item, "Reason").lower() in ("max_turns", "usd_cap")
    closing = sentences(_field(item, "Closing"))
    return [rng.choice(words["close_time" if out_of_time else "close_done"]), closing[0] if closing else "",
            fill(rng.choice(words["close_thanks"]), names=join_names(names, request.language) or "everyone")]


_MOVES = {"open": _open, "ask": _ask, "probe": _probe, "acknowledge": _acknowledge, "hand_back": _hand_back,
          "close": _close}


def out_of_character(topic):
    """What a model says when it drops the role (the break_character fault)."""
    return (f"As an AI language model, I don't have personal opinions or experiences about {topic}, but I can "
            f"summarise what people usually say about it.")
