"""What the simulator reads out of a chat request: texts, images, slots, counts, the topic, the persona played.

Everything here is a pure function of the request's messages, so generation stays deterministic.
"""

import base64
import hashlib
import json
import re
import struct
from collections import Counter

from .vocabulary import CULTURES, PLACE_HINTS, STOPWORDS

# Attributes a prompt can pin for a generated person ("gender: female", {"age_band": "35-44"}).
SLOT_KEYS = ("name", "first_name", "last_name", "age", "age_band", "gender", "location", "city", "country",
             "occupation", "income_band", "income", "attitude", "education", "household")
_SLOT_LINE = re.compile(r"\b(" + "|".join(SLOT_KEYS) + r")[\"']?\s*[:=]\s*[\"']?([^,;|\n\"']+)", re.IGNORECASE)
_VAGUE = re.compile(r"\bone of\b|\bor\b|\be\.g\.|\?|\{|\}|<|>", re.IGNORECASE)
_DATA_SECTION = re.compile(r"<data\b[^>]*>(.*?)</data>", re.DOTALL | re.IGNORECASE)
_NAMED_SECTION = re.compile(r"<data\s+name=[\"']?([\w-]+)[\"']?[^>]*>(.*?)</data>", re.DOTALL | re.IGNORECASE)
_TOPIC_SECTIONS = ("brief", "objective", "topic", "audience", "instruction", "question", "stimulus", "product")
_COUNT_PATTERNS = [
    re.compile(r"\b(?:count|n|number_of_\w+|how_many)\s*[:=]\s*(\d{1,3})\b", re.IGNORECASE),
    re.compile(r"\b(?:generate|create|produce|write|return|give(?: me)?|list|draft|propose|suggest)\s+"
               r"(?:exactly\s+|about\s+|up to\s+)?(\d{1,3})\b", re.IGNORECASE),
    re.compile(r"\b(\d{1,3})\s+(?:[\w-]+\s+){0,3}?(?:personas|profiles|people|participants|items|questions|"
               r"themes|entries|users|customers|respondents|members|ideas|options|sections)\b", re.IGNORECASE),
]


class PromptContext:
    """The parts of a request that steer generation."""

    def __init__(self, messages):
        self.texts = []          # (role, text) in order
        self.images = []         # image URLs (http(s) or data:)
        for message in messages if isinstance(messages, list) else []:
            if not isinstance(message, dict):
                continue
            role = str(message.get("role", "user"))
            content = message.get("content")
            if isinstance(content, str):
                self.texts.append((role, content))
            elif isinstance(content, list):
                for part in content:
                    if not isinstance(part, dict):
                        continue
                    if part.get("type") == "text" and isinstance(part.get("text"), str):
                        self.texts.append((role, part["text"]))
                    elif part.get("type") == "image_url":
                        image = part.get("image_url")
                        url = image.get("url") if isinstance(image, dict) else image
                        if isinstance(url, str):
                            self.images.append(url)
        self.system = "\n".join(text for role, text in self.texts if role in ("system", "developer"))
        user_texts = [text for role, text in self.texts if role == "user"]
        self.last_user = user_texts[-1] if user_texts else ""
        self.all_user = "\n".join(user_texts)
        sections = _DATA_SECTION.findall(self.all_user)
        # User-provided data (the brief, the instruction) says what the request is about; prefer it.
        self.data_text = "\n".join(sections) if sections else self.last_user
        named = dict(_NAMED_SECTION.findall(self.all_user))
        # What the user named a stimulus image (`<data name="title">`), used when describing it.
        self.image_title = " ".join(named.get("title", "").split())[:120] or None
        # The brief (or objective, topic …) says best what the request is about.
        about = next((named[name] for name in _TOPIC_SECTIONS if named.get(name, "").strip()), self.data_text)
        self.slots = extract_slots(self.all_user)
        self.count = extract_count(self.last_user or self.all_user)
        self.keywords = extract_keywords(self.data_text)
        self.topic = extract_topic(about, extract_keywords(about) or self.keywords)
        self.place_cultures = extract_place_cultures(self.all_user)
        self.speakers = extract_speakers(self.all_user)
        self.csv_rows = count_csv_rows(self.all_user)
        self.played = extract_played_persona(self.system)

    @property
    def prompt_chars(self):
        return sum(len(text) for _, text in self.texts)


def extract_slots(text):
    """Persona slots the prompt pins: JSON objects/arrays carrying slot keys, else `key: value` lines.

    Several slots (one per line or per array element) mean a panel; a single slot pins one person.
    """
    for candidate in _json_values(text):
        if isinstance(candidate, list):
            slots = [_normalise_slot(item) for item in candidate if isinstance(item, dict)]
            slots = [slot for slot in slots if slot]
            if slots:
                return slots
        elif isinstance(candidate, dict):
            for value in candidate.values():
                if isinstance(value, list):
                    slots = [_normalise_slot(item) for item in value if isinstance(item, dict)]
                    slots = [slot for slot in slots if slot]
                    if slots:
                        return slots
            slot = _normalise_slot(candidate)
            if len(slot) >= 2:
                return [slot]
    slots = []
    for line in re.sub(r"<[^>]*>", " ", text).splitlines():
        pairs = _SLOT_LINE.findall(line)
        if pairs:
            slot = {}
            for key, value in pairs:
                value = value.strip().strip("\"'").strip()
                if value and len(value) <= 40 and not _VAGUE.search(value):
                    slot[key.lower()] = value
            if slot:
                slots.append(slot)
    if len(slots) > 1 and all(len(slot) == 1 for slot in slots):
        # One attribute per line describes a single person, not a panel of one-attribute people.
        merged = {}
        for slot in slots:
            merged.update(slot)
        return [merged]
    return slots


def _normalise_slot(item):
    slot = {}
    for key, value in item.items():
        lowered = str(key).lower()
        if lowered in SLOT_KEYS and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            slot[lowered] = value
    return slot


def _json_values(text):
    """Top-level JSON objects and arrays embedded in free text, in order."""
    decoder = json.JSONDecoder()
    found = []
    index = 0
    while len(found) < 20:
        starts = [position for position in (text.find("{", index), text.find("[", index)) if position >= 0]
        if not starts:
            break
        start = min(starts)
        try:
            value, end = decoder.raw_decode(text, start)
        except ValueError:
            index = start + 1
            continue
        found.append(value)
        index = end
    return found


def extract_count(text):
    for pattern in _COUNT_PATTERNS:
        match = pattern.search(text)
        if match:
            value = int(match.group(1))
            if 0 < value <= 200:
                return value
    return None


def extract_keywords(text, limit=6):
    words = re.findall(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'-]{3,}", re.sub(r"<[^>]+>", " ", text))
    counts = Counter(word.lower() for word in words if word.lower() not in STOPWORDS)
    return [word for word, _ in counts.most_common(limit)]


_TOPIC_STRONG = re.compile(r"\b(?:about|regarding|towards?|concerning)\s+((?:[\w'-]+\s?){1,6})", re.IGNORECASE)
_TOPIC_LEAD = re.compile(
    r"\b(?:for|of|on|with|buy|buying|use|using|try|trying|choose|choosing|prefer|"
    r"(?:subscrib|switch|mov|chang)(?:e|es|ed|ing)? to|signing up for|sign up for)\s+((?:[\w'-]+\s?){1,6})",
    re.IGNORECASE)
_ARTICLES = {"a", "an", "the", "their", "our", "my", "your", "his", "her", "its", "this", "these", "new", "some"}


def extract_topic(text, keywords):
    """A short noun phrase the text is about ("organic groceries online"), else its main keyword."""
    plain = re.sub(r"<[^>]+>", " ", text)
    for match in [*_TOPIC_STRONG.finditer(plain), *_TOPIC_LEAD.finditer(plain)]:
        words = []
        for word in match.group(1).split():
            word = word.strip(" .,;:!?\"'()")
            if not words and word.lower() in _ARTICLES:
                continue
            if not word or word.lower() in STOPWORDS or word.isdigit():
                break
            words.append(word)
        if words:
            return " ".join(words[:3]).lower()
    return keywords[0] if keywords else "the product"


# City names of every culture's list ("berlin" → german) steer as well as countries and regions do.
_CITY_HINTS = {city.split(",")[0].strip().lower(): [culture]
               for culture, (_, _, _, cities) in CULTURES.items() for city in cities}


def extract_place_cultures(text):
    lowered = text.lower()
    cultures = []
    for hint, keys in {**_CITY_HINTS, **PLACE_HINTS}.items():
        if re.search(r"(?<![a-z])" + re.escape(hint) + r"(?![a-z])", lowered):
            cultures.extend(key for key in keys if key not in cultures)
    return cultures


def extract_speakers(text):
    """Names that speak in a transcript quoted in the prompt (`Maria: …` or `[Maria] …`)."""
    speakers = []
    for match in re.finditer(r"^\s*(?:\[)?([A-Z][\w'.-]+(?: [A-Z][\w'.-]+)?)(?:\])?\s*(?:\([^)]*\))?:\s+\S", text,
                             re.MULTILINE):
        name = match.group(1)
        if name.lower() not in ("system", "user", "assistant", "note", "data", "brief", "moderator") \
                and name not in speakers:
            speakers.append(name)
    return speakers[:20]


def count_csv_rows(text):
    """Rows of customer data when the prompt carries a CSV (a header line and comma-separated rows)."""
    best = 0
    for section in _DATA_SECTION.findall(text) or [text]:
        lines = [line for line in section.strip().splitlines() if line.count(",") >= 2]
        if len(lines) >= 2:
            best = max(best, len(lines) - 1)
    return best


def extract_played_persona(system):
    """The persona a system prompt asks the model to play: {name, age, occupation, attitude, moderator}."""
    slots = extract_slots(system)
    played = {key: slots[0][key] for key in ("name", "age", "occupation", "attitude", "location")
              if len(slots) == 1 and key in slots[0]}
    match = re.search(r"\b(?:[Yy]ou are|[Yy]ou're|[Pp]lay|[Pp]laying|[Aa]cting as|named)\s+(?:now\s+|playing\s+)?"
                      r"([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)", system)
    if "name" not in played and match and match.group(1).split()[0] not in ("The", "A", "An", "Cohorta"):
        played["name"] = match.group(1)
    match = re.search(r"\b(\d{2})[- ]year[- ]old\b", system)
    if "age" not in played and match:
        played["age"] = int(match.group(1))
    if "attitude" in played:
        played["attitude"] = str(played["attitude"]).lower()
    played["moderator"] = bool(
        re.search(r"\b(?:you are|you're|act as|acting as|play|playing)\b[^.\n]{0,40}\bmoderator", system, re.IGNORECASE)
        or (re.search(r"\bmoderat", system, re.IGNORECASE) and "name" not in played))
    return played


def image_facts(url):
    """What can be told about an image without decoding its pixels: its format, size, byte count and digest.

    Data URLs are read whole (PNG, GIF, JPEG and WebP headers carry the size); other URLs give their file name.
    """
    if not url.startswith("data:"):
        name = url.rsplit("/", 1)[-1].split("?", 1)[0]
        return {"source": name or url}
    header, _, payload = url.partition(",")
    kind = header[5:].split(";", 1)[0] or "image"
    facts = {"source": kind}
    try:
        raw = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=False)
    except ValueError:
        return facts
    facts["bytes"] = len(raw)
    facts["digest"] = hashlib.sha256(raw).hexdigest()
    size = None
    if raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) >= 24:
        facts["format"] = "PNG"
        size = struct.unpack(">II", raw[16:24])
    elif raw[:6] in (b"GIF87a", b"GIF89a") and len(raw) >= 10:
        facts["format"] = "GIF"
        size = struct.unpack("<HH", raw[6:10])
    elif raw[:3] == b"\xff\xd8\xff":
        facts["format"] = "JPEG"
        size = _jpeg_size(raw)
    elif raw[:4] == b"RIFF" and raw[8:12] == b"WEBP":
        facts["format"] = "WebP"
        size = _webp_size(raw)
    if size and all(size):
        facts["width"], facts["height"] = size
    return facts


def _jpeg_size(raw):
    """(width, height) from the first start-of-frame segment, or None."""
    index = 2
    while index + 9 < len(raw):
        if raw[index] != 0xFF:
            return None
        marker = raw[index + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            index += 2
            continue
        length = struct.unpack(">H", raw[index + 2:index + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", raw[index + 5:index + 9])
            return width, height
        index += 2 + length
    return None


def _webp_size(raw):
    """(width, height) from a VP8, VP8L or VP8X chunk header, or None."""
    chunk = raw[12:16]
    if chunk == b"VP8X" and len(raw) >= 30:
        return (int.from_bytes(raw[24:27], "little") + 1, int.from_bytes(raw[27:30], "little") + 1)
    if chunk == b"VP8 " and len(raw) >= 30:
        width, height = struct.unpack("<HH", raw[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(raw) >= 25:
        bits = int.from_bytes(raw[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None
