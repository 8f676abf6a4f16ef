"""Transcript lines and participant rosters as Cohorta's session prompts show them, and the word-trigram
similarity the run's quality gate uses (Domain/Conversation/QualityGate.swift).

Formats (CONTRACT-4b):
  transcript   "[12] Maya Chen (persona:65f0…): I'd never pay that much.", "[13] Moderator: …",
               "[14] Researcher: …"
  roster       "Maya Chen — 34, nurse, skeptic"
  seats        "65f0… | Maya Chen | skeptic | 2 turns on this question | last spoke 3 turns ago" (or "never spoke")
"""

import re

_LINE = re.compile(r"^\[(\d+)\]\s+(.+?)(?:\s+\(persona:([^)\s]+)\))?:\s?(.*)$")
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?]+|…|$)")


class Line:
    """One transcript line: its seq, who spoke (a persona id for participants) and the text."""

    def __init__(self, seq, speaker, persona_id, text):
        self.seq = seq
        self.speaker = speaker
        self.persona_id = persona_id
        self.text = text

    @property
    def is_participant(self):
        return self.persona_id is not None

    @property
    def is_researcher(self):
        return self.persona_id is None and self.speaker.lower() == "researcher"

    @property
    def first_name(self):
        return first_name(self.speaker)


def first_name(name):
    return name.split()[0] if name.split() else name


def parse_lines(text):
    """The transcript's lines in order; a line without a "[seq]" prefix continues the one before."""
    lines = []
    for raw in (text or "").splitlines():
        match = _LINE.match(raw.strip())
        if match:
            seq, speaker, persona_id, body = match.groups()
            lines.append(Line(int(seq), speaker.strip(), persona_id, body.strip()))
        elif lines and raw.strip():
            lines[-1].text += "\n" + raw.strip()
    return lines


class Member:
    """A roster entry: name and attitude, and on the decision's seats also the id and speaking record."""

    def __init__(self, name, attitude, persona_id=None, turns=0, silent_for=None):
        self.name = name
        self.attitude = attitude
        self.persona_id = persona_id
        self.turns = turns            # turns on the current question
        self.silent_for = silent_for  # turns since they last spoke; None: never spoke

    @property
    def first_name(self):
        return first_name(self.name)


def parse_roster(text):
    """"Maya Chen — 34, nurse, skeptic" lines (an en dash or a hyphen also separates the name)."""
    members = []
    for raw in (text or "").splitlines():
        parts = re.split(r"\s+[—–-]\s+", raw.strip(), maxsplit=1)
        if parts[0]:
            details = [item.strip() for item in parts[1].split(",") if item.strip()] if len(parts) > 1 else []
            members.append(Member(parts[0], details[-1].lower() if details else ""))
    return members


def parse_seats(text):
    """The decision's "id | name | attitude | N turns on this question | last spoke K turns ago" lines."""
    members = []
    for raw in (text or "").splitlines():
        cells = [cell.strip() for cell in raw.split("|")]
        if len(cells) < 3 or not cells[0]:
            continue
        record = " ".join(cells[3:]).lower()
        turns = re.search(r"(\d+)\s+turns?\b", record)
        ago = re.search(r"last spoke\s+(\d+)", record)
        members.append(Member(cells[1], cells[2].lower(), persona_id=cells[0],
                              turns=int(turns.group(1)) if turns else 0,
                              silent_for=int(ago.group(1)) if ago else None))
    return members


def sentences(text):
    """The text's sentences, each an exact substring of it (surrounding spaces trimmed)."""
    return [match.group(0).strip() for match in _SENTENCE.finditer(text) if match.group(0).strip()]


def shingles(text):
    """Word trigrams, as the quality gate counts them: words lowercased, punctuation dropped."""
    words = re.findall(r"(?:[^\W_]|')+", text.lower())
    if len(words) < 3:
        return {" ".join(words)} if words else set()
    return {" ".join(words[n:n + 3]) for n in range(len(words) - 2)}


def jaccard(left, right):
    first, second = shingles(left), shingles(right)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)
