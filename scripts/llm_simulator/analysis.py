"""Reading a whole discussion: the rolling summary (session/summary), key themes (session/themes) and the final
report (session/report).

Themes are grounded like a careful analyst's: every quote is a sentence copied from the text of the transcript
line it cites, and every theme quotes at least two different personas; with fewer than two participants in
the transcript there are no themes. Previous themes are refined: their titles come first while two
participants can still be quoted for them.
"""

import json
import re

from .phrases import DISAGREEMENT, FALLBACK_THEMES, PHRASES, THEME_FAMILIES, fill, join_names
from .schema import sub_rng
from .transcript import sentences

SUMMARY_LIMIT = 1800
REPORT_SUMMARY_LIMIT = 1500
NOTE_LIMIT = 160
QUOTES_PER_THEME = 3


# --- the rolling summary ---

def summary(request, seed):
    words = PHRASES[request.language]
    notes = [_note(line, request.lines, words) for line in request.lines]
    return bounded(" ".join([request.section("summary").strip(), *notes]).strip(), SUMMARY_LIMIT)


def _note(line, lines, words):
    """"Maya Chen said: …" (or disagreed with someone, or the moderator asked) from the line's first sentence."""
    said = sentences(line.text) or [line.text]
    if not line.is_participant:
        return fill(words["researcher_said" if line.is_researcher else "moderator_said"], text=_cut(said[0]))
    others = {other.first_name for other in lines if other.is_participant and other.speaker != line.speaker}
    other = next((name for name in others if re.search(rf"\b{re.escape(name)}\b", line.text)), None)
    if other and any(marker in line.text.lower() for marker in DISAGREEMENT):
        content = next((sentence for sentence in said if other not in sentence), said[0])
        return fill(words["disagreed"], name=line.speaker, other=other, text=_cut(content))
    return fill(words["said"], name=line.speaker, text=_cut(said[0]))


def _cut(text, limit=NOTE_LIMIT):
    text = " ".join(text.split())
    if len(text) <= limit:
        return text if text[-1:] in ".!?…" else text + "."
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def bounded(text, limit):
    """The text within `limit` characters: the oldest sentences go first, then a cut at a word."""
    parts = re.split(r"(?<=[.!?…])\s+", text)
    while len(parts) > 1 and len(" ".join(parts)) > limit:
        parts.pop(0)
    text = " ".join(parts)
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


# --- themes and the report ---

def themes(request, seed):
    return {"themes": _themes(request, sub_rng(seed, "themes"))}


def report(request, seed):
    found = _themes(request, sub_rng(seed, "themes"))
    words = PHRASES[request.language]["report"]
    speakers = list(dict.fromkeys(line.speaker for line in request.lines if line.is_participant))
    parts = []
    if speakers:
        parts.append(fill(words["who"], count=len(speakers), names=join_names(speakers, request.language),
                          topic=request.group_topic()))
    parts.append(fill(words["themes"], titles="; ".join(theme["title"] for theme in found)) if found
                 else words["no_themes"])
    polls = " ".join(request.section("polls").split())
    if polls:
        parts.append(fill(words["polls"], polls=polls[:400].rstrip(".")))
    earlier = sentences(request.section("summary"))
    if earlier:
        parts.append(fill(words["earlier"], text=earlier[0]))
    return {"summary": bounded(" ".join(parts), REPORT_SUMMARY_LIMIT), "themes": found}


def _themes(request, rng):
    lines = [line for line in request.lines if line.is_participant]
    if len({line.persona_id for line in lines}) < 2:
        return []
    evidence = [(line, sentence) for line in lines for sentence in _quotable(line.text)]
    language = request.language
    used = set()
    found = []
    wanted = rng.randint(2, 4)
    for title, stems in _families(request.section("themes"), language):
        quotes = _quotes(evidence, used, lambda sentence: any(stem in sentence.lower() for stem in stems))
        if quotes:
            found.append(_theme(title, quotes, language))
        if len(found) == wanted:
            return found
    for titles, pick in zip(FALLBACK_THEMES, (min, max)):
        if len(found) >= 2:
            break
        quotes = (_quotes(evidence, used, _substantial, pick) or _quotes(evidence, used, _anything, pick)
                  or _quotes(evidence, set(), _anything, pick))
        if quotes:
            found.append(_theme(titles[language], quotes, language))
    return found


def _anything(sentence):
    return True


def _substantial(sentence):
    return len(sentence.split()) >= 6


def _families(previous, language):
    """(title, stems) to look for: the previous themes' titles first, then the built-in families."""
    try:
        value = json.loads(previous) if previous.strip() else []
    except ValueError:
        value = []
    if isinstance(value, dict):
        value = value.get("themes", [])
    titles = [theme["title"] for theme in value if isinstance(theme, dict) and isinstance(theme.get("title"), str)]
    families = []
    for title in titles[:6]:
        known = next((family for family in THEME_FAMILIES
                      if title.lower() in (text.lower() for text in family["titles"].values())), None)
        stems = [word.lower() for word in re.findall(r"[^\W\d_]{4,}", title)] + (known["stems"] if known else [])
        families.append((title, stems))
    families += [(family["titles"][language], family["stems"]) for family in THEME_FAMILIES
                 if family["titles"][language] not in titles]
    return families


def _quotes(evidence, used, matches, pick=min):
    """(line, sentence) pairs, one per persona (its first matching sentence not used yet, or with pick=max its
    last), when at least two personas have one; they are then marked used."""
    by_persona = {}
    for position, (line, sentence) in enumerate(evidence):
        if (line.seq, sentence) not in used and matches(sentence):
            by_persona.setdefault(line.persona_id, []).append(position)
    if len(by_persona) < 2:
        return None
    chosen = [evidence[pick(positions)] for positions in list(by_persona.values())[:QUOTES_PER_THEME]]
    used.update((line.seq, sentence) for line, sentence in chosen)
    return chosen


def _theme(title, quotes, language):
    names = join_names([line.first_name for line, _ in quotes], language)
    return {"title": title, "summary": fill(PHRASES[language]["theme_summary"], names=names),
            "quotes": [{"seq": line.seq, "persona_id": line.persona_id, "text": sentence} for line, sentence in quotes]}


def _quotable(text):
    """Sentences that are exact words of the stored line: a prompt cuts long lines with "…", so a cut last
    sentence is left out (or, when it is the only one, ends at its last whole word)."""
    if text.endswith("…"):
        text = text[:-1]
        found = sentences(text)
        if len(found) > 1:
            return found[:-1]
        return [text.rsplit(" ", 1)[0]] if " " in text else []
    return sentences(text)
