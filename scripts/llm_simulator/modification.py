"""Answers to "modify this persona by instruction" requests (prompts/persona/modify.md).

A real model reads the persona it is given and proposes changes to it; so does the simulator: every `before`
is the persona's current value, copied from the `<data name="persona">` section, and every `after` is a valid
value of the same kind, nudged in the direction the instruction names.
"""

import json
import re

from .prompt import _NAMED_SECTION

_ATTITUDES = ("enthusiast", "pragmatist", "neutral", "skeptic", "resistant")
_LIST_FIELDS = ("psychographics.frustrations", "psychographics.values", "behaviours.shopping")


def is_modification_schema(schema):
    """The modify template's shape: {changes: [{field, before, after, reason}]}."""
    changes = (schema.get("properties") or {}).get("changes") if isinstance(schema, dict) else None
    items = (changes or {}).get("items") or {}
    return {"field", "before", "after"} <= set((items.get("properties") or {}).keys())


def changes_for(context, rng):
    """The proposed changes, or None when the prompt carries no readable persona."""
    sections = {name.lower(): text for name, text in _NAMED_SECTION.findall(context.all_user)}
    try:
        persona = json.loads(sections.get("persona", "").strip())
    except ValueError:
        return None
    if not isinstance(persona, dict):
        return None
    instruction = " ".join(sections.get("instruction", "").split())[:200] or "the instruction"
    reason = f"Follows the instruction: {instruction}"
    changes = []
    attitude = persona.get("attitude")
    if attitude in _ATTITUDES:
        toward = "skeptic" if attitude != "skeptic" else "resistant"
        changes.append({"field": "attitude", "before": attitude, "after": toward, "reason": reason})
    for field in _LIST_FIELDS:
        group, key = field.split(".")
        current = (persona.get(group) or {}).get(key)
        if isinstance(current, list) and len(current) < 12 and all(isinstance(item, str) for item in current):
            addition = _phrase(instruction, rng)
            if addition not in current:
                changes.append({"field": field, "before": current, "after": current + [addition], "reason": reason})
            break
    bio = persona.get("bio")
    if isinstance(bio, str) and len(bio) < 1800:
        sentence = f"Lately {_pronoun(persona)} has become {_direction(instruction)}."
        changes.append({"field": "bio", "before": bio, "after": (bio + " " + sentence).strip(), "reason": reason})
    return {"changes": changes}


def _phrase(instruction, rng):
    words = [word for word in re.findall(r"[a-z][a-z-]+", instruction.lower()) if len(word) > 3]
    focus = words[-1] if words else "value"
    return rng.choice([f"worries about {focus}", f"double-checks {focus} before deciding", f"talks about {focus} a lot"])


def _direction(instruction):
    lowered = instruction.lower()
    if "price" in lowered or "cost" in lowered or "cheap" in lowered or "money" in lowered:
        return "much more careful with money and compares prices before every purchase"
    return "noticeably different in the way the instruction describes"


def _pronoun(persona):
    return {"female": "she", "male": "he"}.get(persona.get("gender"), "they")
