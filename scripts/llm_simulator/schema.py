"""JSON values that satisfy a JSON schema, with plausible persona-aware content chosen by property name.

Supported keywords: type (incl. lists), properties, required, additionalProperties, items, minItems, maxItems,
uniqueItems, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength,
minProperties, maxProperties, $ref (local), anyOf/oneOf (first option), allOf (merged), format (date-time,
date, email, uri, uuid).
"""

import hashlib
import math
import random
import re

from . import writing
from .people import Person, biases_for
from .vocabulary import (FRUSTRATIONS, INTERESTS, MEDIA, MOTIVATIONS, SHOPPING, TECHNOLOGY, THEMES, VALUES)

PERSON_KEYS = {"name", "full_name", "first_name", "last_name", "age", "age_band", "gender", "location", "city",
               "occupation", "income_band", "attitude", "bio", "quote", "psychographics", "behaviours",
               "behaviors"}
POOLS = {
    "values": VALUES, "core_values": VALUES, "motivations": MOTIVATIONS, "goals": MOTIVATIONS,
    "needs": MOTIVATIONS, "frustrations": FRUSTRATIONS, "pain_points": FRUSTRATIONS, "pains": FRUSTRATIONS,
    "concerns": FRUSTRATIONS, "interests": INTERESTS, "hobbies": INTERESTS, "shopping": SHOPPING,
    "shopping_habits": SHOPPING, "purchase_behaviour": SHOPPING, "media": MEDIA, "media_habits": MEDIA,
    "channels": MEDIA, "technology": TECHNOLOGY, "tech": TECHNOLOGY, "devices": TECHNOLOGY, "themes": THEMES,
    "key_themes": THEMES,
}
PROFILE_FIELDS = ["name", "age", "gender", "location", "occupation", "income_band", "attitude", "bio", "quote"]
GROUNDABLE = {"age", "gender", "location", "occupation", "income_band", "city", "country", "age_band"}


def sub_rng(seed, *parts):
    digest = hashlib.sha256("/".join([seed, *map(str, parts)]).encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


class SchemaWriter:
    """Walks one schema for one request; `seed` is the request's hash so output is a pure function of it."""

    def __init__(self, root, seed, context):
        self.root = root if isinstance(root, dict) else {}
        self.seed = seed
        self.context = context
        self.biases = biases_for(context.data_text)
        self.primary = self._primary_array_path()

    def value(self):
        slots = self.context.slots
        # One slot pins the person (or everyone in the panel); several slots are for the panel's items.
        pinned = slots[0] if len(slots) == 1 or (slots and self.primary is None) else None
        person = Person(sub_rng(self.seed, "person"), pinned, self.context.place_cultures, self.biases)
        return self._walk(self.root, (), person, None)

    # --- walking ---

    def _resolve(self, schema):
        for _ in range(20):
            if not isinstance(schema, dict):
                return {}
            if "$ref" in schema:
                schema = self._lookup(schema["$ref"])
                continue
            if "allOf" in schema:
                merged = {key: value for key, value in schema.items() if key != "allOf"}
                for part in schema["allOf"]:
                    part = self._resolve(part)
                    for key, value in part.items():
                        if key == "properties":
                            merged.setdefault("properties", {}).update(value)
                        elif key == "required":
                            merged["required"] = list(merged.get("required", [])) + list(value)
                        else:
                            merged.setdefault(key, value)
                schema = merged
                continue
            for key in ("anyOf", "oneOf"):
                if key in schema and schema[key]:
                    options = [self._resolve(option) for option in schema[key]]
                    chosen = next((option for option in options if option.get("type") != "null"), options[0])
                    schema = {**{k: v for k, v in schema.items() if k != key}, **chosen}
                    break
            else:
                return schema
        return schema if isinstance(schema, dict) else {}

    def _lookup(self, reference):
        node = self.root
        if not isinstance(reference, str) or not reference.startswith("#"):
            return {}
        for part in reference.lstrip("#").strip("/").split("/"):
            if not part:
                continue
            part = part.replace("~1", "/").replace("~0", "~")
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return node

    @staticmethod
    def _type(schema):
        kind = schema.get("type")
        if isinstance(kind, list):
            kinds = [k for k in kind if k != "null"]
            return kinds[0] if kinds else "null"
        if kind:
            return kind
        if "properties" in schema or "additionalProperties" in schema:
            return "object"
        if "items" in schema:
            return "array"
        if "enum" in schema and schema["enum"]:
            return None
        return "string"

    def _walk(self, schema, path, person, index):
        schema = self._resolve(schema)
        rng = sub_rng(self.seed, *path)
        key = _key(path)
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            return self._enum(schema["enum"], key, path, person, rng)
        kind = self._type(schema)
        if kind == "object":
            return self._object(schema, path, person, index)
        if kind == "array":
            return self._array(schema, path, person)
        if kind in ("integer", "number"):
            return self._number(schema, kind, key, person, rng, index)
        if kind == "boolean":
            return rng.random() < 0.5
        if kind == "null":
            return None
        return self._string(schema, key, path, person, rng, index)

    def _object(self, schema, path, person, index):
        properties = schema.get("properties") or {}
        if _looks_like_person(properties) and path and index is not None:
            slots = self.context.slots
            slot = slots[index % len(slots)] if slots and path[:-1] == self.primary else None
            person = Person(sub_rng(self.seed, "person", *path), slot, self.context.place_cultures, self.biases)
        extra = schema.get("additionalProperties")
        required = [name for name in schema.get("required", []) if isinstance(name, str)]
        names = list(properties) + [name for name in required if name not in properties]
        most = schema.get("maxProperties")
        if isinstance(most, int) and len(names) > most:
            names = [name for name in names if name in required] + [name for name in names if name not in required]
            names = names[:max(most, len(required))]
        result = {}
        for name in names:
            subschema = properties.get(name, extra if isinstance(extra, dict) else {})
            result[name] = self._walk(subschema, path + (name,), person, index)
        if isinstance(extra, dict) and not properties:
            low = int(schema.get("minProperties", 0) or 0)
            high = int(schema.get("maxProperties", len(PROFILE_FIELDS)) or len(PROFILE_FIELDS))
            keys = PROFILE_FIELDS[:max(low, min(high, len(PROFILE_FIELDS)))]
            if low > len(keys):
                keys += [f"field_{n}" for n in range(len(keys), low)]
            for name in keys:
                result[name] = self._walk(extra, path + (name,), person, None)
        return result

    def _array(self, schema, path, person):
        items = schema.get("items")
        item_schema = self._resolve(items[0] if isinstance(items, list) and items else items or {})
        low = max(0, int(schema.get("minItems", 0) or 0))
        high = schema.get("maxItems")
        high = int(high) if isinstance(high, (int, float)) else max(low, low + 4)
        rng = sub_rng(self.seed, *path, "count")
        wanted = None
        if path == self.primary:
            wanted = self.context.count or (len(self.context.slots) if len(self.context.slots) > 1 else None)
        key = _key(path)
        if wanted is None:
            if key == "rows":
                wanted = 0 if self._inferred_provenance(path) else rng.randint(1, 3)
            else:
                wanted = rng.randint(max(low, 2 if high >= 2 else low), max(low, min(high, low + 3, 5)))
        count = max(low, min(high, wanted))
        if item_schema.get("enum") and not item_schema.get("type") == "object":
            options = list(item_schema["enum"])
            rng.shuffle(options)
            picked = options[:count]
            while len(picked) < count:
                picked.append(options[len(picked) % len(options)])
            return picked
        if self._type(item_schema) == "string" and key in POOLS and "format" not in item_schema:
            pool = list(dict.fromkeys(self.biases.get(_pool_name(key), []) + rng.sample(POOLS[key], len(POOLS[key]))))
            values = [self._fit_length(item_schema, text) for text in pool[:count]]
            while len(values) < count:
                values.append(self._fit_length(item_schema, f"{pool[len(values) % len(pool)]} ({len(values)})"))
            return values
        if self._type(item_schema) in ("integer", "number") and key == "rows":
            return self._rows(item_schema, count, rng)
        values = [self._walk(item_schema, path + (n,), person, n) for n in range(count)]
        return _unique(values, item_schema) if schema.get("uniqueItems") else values

    # --- scalars ---

    def _enum(self, options, key, path, person, rng):
        preferred = self._preferred(key, person)
        if preferred is not None:
            for option in options:
                if _same(option, preferred):
                    return option
        if key == "source":
            wanted = "customer_data" if self._grounded(path) else "inferred"
            for option in options:
                if _same(option, wanted):
                    return option
        return rng.choice(options)

    def _preferred(self, key, person):
        value = person.attribute(key) if person else None
        if key == "attitude" and self.biases.get("attitude"):
            return self.biases["attitude"]
        return value

    def _number(self, schema, kind, key, person, rng, index):
        low, high = _bounds(schema, kind)
        attribute = person.attribute(key) if person else None
        if isinstance(attribute, int):
            value = attribute
        elif key in ("year",):
            value = rng.randint(2018, 2026)
        elif key in ("hue",):
            value = rng.randint(0, 359)
        elif any(word in key for word in ("minute", "duration", "timing", "time")):
            value = rng.choice([5, 8, 10, 12, 15, 20])
        elif any(word in key for word in ("percent", "share", "pct")):
            value = rng.randint(5, 95)
        elif any(word in key for word in ("confidence", "probability", "weight")) and kind == "number":
            value = round(rng.uniform(0.55, 0.95), 2)
        elif key in ("index", "order", "position", "rank", "number") and index is not None:
            value = index + 1
        else:
            start = low if low is not None else (min(1, high - 9) if high is not None else 1)
            end = high if high is not None else start + 9
            if kind == "number":
                value = round(rng.uniform(start, end), 2)
            else:
                start, end = math.ceil(start), math.floor(end)
                value = rng.randint(start, max(start, end))
        if low is not None and value < low:
            value = low if kind == "number" else math.ceil(low)
        if high is not None and value > high:
            value = high
        return math.floor(value) if kind == "integer" else value

    def _rows(self, item_schema, count, rng):
        low, high = _bounds(item_schema, "integer")
        first = int(low) if low is not None else 1
        last = int(high) if high is not None else max(first, first + max(self.context.csv_rows, 3) - 1)
        population = list(range(first, max(first, last) + 1))
        picked = sorted(rng.sample(population, min(count, len(population))))
        while len(picked) < count:
            picked.append(population[len(picked) % len(population)])
        return picked

    def _string(self, schema, key, path, person, rng, index):
        form = schema.get("format")
        if form == "date-time":
            text = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 20):02d}:00:00Z"
        elif form == "date":
            text = f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif form == "email" or key == "email":
            text = f"{person.first.lower()}.{person.last.lower()}@example.com".replace(" ", "")
        elif form in ("uri", "url") or key in ("url", "uri", "link", "website"):
            text = f"https://example.com/{'-'.join(self.context.keywords[:2]) or 'page'}"
        elif form == "uuid" or key == "uuid":
            text = str(_uuid(rng))
        else:
            text = self._text_for(key, path, person, rng, index)
        return self._fit_length(schema, text)

    def _text_for(self, key, path, person, rng, index):
        context = self.context
        topic = context.topic
        parent = _key(path[:-1]) if len(path) > 1 else ""
        in_person = person is not None and key in PERSON_KEYS
        if key in ("name", "full_name", "display_name", "persona_name") and not self._person_object(path):
            return writing.title(rng, topic, self._spread(path, index), sections=_in_guide(path))
        if in_person or key in ("first_name", "last_name", "gender", "age_band", "city", "country"):
            value = self._preferred(key, person)
            if value is not None and key not in ("bio", "quote"):
                return str(value)
        if key in ("surname", "family_name"):
            return person.last
        if key in ("job", "job_title", "profession", "role") and parent not in ("messages",):
            return person.occupation
        if key in ("bio", "background", "biography", "backstory", "about", "profile"):
            return writing.bio(person, rng, topic)
        if key in ("quote", "catchphrase", "tagline", "motto", "quotes"):
            return writing.reply(rng, context, speaking=True) if key == "quotes" else writing.quote(person, rng, topic)
        if key in ("summary", "overview", "executive_summary", "synopsis", "conclusion"):
            return writing.summary(rng, topic, context.speakers)
        if key in ("image_description", "alt_text", "caption", "alt", "visual_description") or (
                context.images and key == "description"):
            return writing.describe_image(rng, context.images[-1] if context.images else "image", context.image_title)
        if key in ("title", "headline", "label", "theme", "topic", "heading", "section", "tag", "tags", "key_theme",
                   "themes", "name"):
            return writing.title(rng, topic, self._spread(path, index), sections=_in_guide(path))
        if key in ("question", "questions", "probe", "probes", "follow_up", "prompt", "ask"):
            return writing.question(rng, topic, self._spread(path, index))
        if key in ("content", "text", "message", "response", "answer", "reply", "utterance", "statement",
                   "speech", "turn"):
            return writing.reply(rng, context, speaking=True)
        if key in ("speaker", "next_speaker", "persona", "participant", "speaker_name", "addressee"):
            return rng.choice(context.speakers) if context.speakers else person.name
        if key in ("keywords", "keyword"):
            return (context.keywords or ["insight"])[(index or 0) % max(1, len(context.keywords or ["insight"]))]
        if key == "id" or key.endswith("_id"):
            return "".join(rng.choice("0123456789abcdef") for _ in range(24))
        if key in ("education",):
            return rng.choice(["secondary school", "vocational diploma", "bachelor's degree", "master's degree"])
        if key in ("household", "family", "marital_status", "living_situation"):
            return rng.choice(["lives alone", "married with two children", "shares a flat with friends",
                               "single parent of one", "lives with partner", "lives with elderly parents"])
        if key in POOLS or key.rstrip("s") + "s" in POOLS:
            return rng.choice(POOLS.get(key) or POOLS[key.rstrip("s") + "s"])
        if key in ("source",):
            return "customer_data" if self._grounded(path) else "inferred"
        if key in ("instruction", "change", "changes"):
            return f"Adjusted to reflect: {context.data_text.strip()[:120]}"
        return writing.sentence(rng, topic)

    def _fit_length(self, schema, text):
        low = int(schema.get("minLength", 0) or 0)
        high = schema.get("maxLength")
        filler = [" It comes up often.", " That is the short version.", " More detail on request."]
        while len(text) < low:
            text += filler[len(text) % len(filler)] if low - len(text) > 4 else "." * (low - len(text))
        if isinstance(high, (int, float)) and len(text) > high:
            cut = text[:int(high)]
            if " " in cut[: int(high)] and int(high) > 20:
                cut = cut[: cut.rfind(" ")].rstrip(",;:")
            text = cut if len(cut) >= low else text[:int(high)]
        return text

    # --- helpers ---

    def _spread(self, path, index):
        """Where an array item's pick falls in a list: distinct along an array, varied across arrays.

        Guide sections keep their natural order (warm-up first)."""
        if index is None or _in_guide(path) and _key(path) in ("title", "name", "heading", "section", "label"):
            return index
        last = max((n for n, part in enumerate(path) if isinstance(part, int)), default=len(path))
        names = [str(part) for part in path[:last] if not isinstance(part, int)]
        outer = sum(part for part in path[:last] if isinstance(part, int))
        return index + int(hashlib.sha256("/".join([self.seed, *names]).encode()).hexdigest()[:6], 16) + 5 * outer

    def _person_object(self, path):
        parent = self._schema_at(path[:-1])
        return _looks_like_person((parent or {}).get("properties") or {})

    def _schema_at(self, path):
        schema = self._resolve(self.root)
        for part in path:
            if isinstance(part, int):
                items = schema.get("items")
                schema = self._resolve(items[0] if isinstance(items, list) and items else items or {})
            else:
                props = schema.get("properties") or {}
                schema = self._resolve(props.get(part) if part in props else schema.get("additionalProperties"))
        return schema

    def _grounded(self, path):
        """A provenance entry of a groundable field is `customer_data` when the prompt carries a CSV."""
        field = next((part for part in reversed(path[:-1]) if isinstance(part, str) and part != "provenance"), "")
        return self.context.csv_rows > 0 and field in GROUNDABLE

    def _inferred_provenance(self, path):
        return "provenance" in path and not self._grounded(path)

    def _primary_array_path(self):
        """The shallowest array of objects (else of anything): the one a requested count applies to."""
        frontier = [((), self._resolve(self.root))]
        fallback = None
        for _ in range(4):
            next_frontier = []
            for path, schema in frontier:
                if self._type(schema) == "array":
                    items = schema.get("items")
                    item = self._resolve(items[0] if isinstance(items, list) and items else items or {})
                    if self._type(item) == "object":
                        return path
                    fallback = fallback if fallback is not None else path
                    continue
                for name, sub in (schema.get("properties") or {}).items():
                    next_frontier.append((path + (name,), self._resolve(sub)))
            if fallback is not None:
                return fallback
            frontier = next_frontier
        return fallback


def _key(path):
    for part in reversed(path):
        if isinstance(part, str):
            return part.lower()
    return ""


def _unique(values, item_schema):
    """Makes repeated scalars distinct (a suffix for strings, the next free number within bounds)."""
    seen = []
    for n, value in enumerate(values):
        if value in seen and isinstance(value, str):
            high = item_schema.get("maxLength")
            suffix = f" ({n + 1})"
            value = (value[: int(high) - len(suffix)] if isinstance(high, int) else value) + suffix
        elif value in seen and isinstance(value, (int, float)) and not isinstance(value, bool):
            low, high = _bounds(item_schema, "integer")
            candidates = [v for v in range(int(low if low is not None else 0),
                                           int(high if high is not None else len(values) * 2 + 100) + 1)
                          if v not in seen]
            value = candidates[0] if candidates else value
        values[n] = value
        seen.append(value)
    return values


def _in_guide(path):
    return any(isinstance(part, str) and part.lower() in ("sections", "guide", "agenda", "phases", "parts", "blocks")
               for part in path)


def _pool_name(key):
    return {"pain_points": "frustrations", "goals": "motivations", "hobbies": "interests",
            "shopping_habits": "shopping", "media_habits": "media", "devices": "technology"}.get(key, key)


def _looks_like_person(properties):
    return len(PERSON_KEYS.intersection(name.lower() for name in properties)) >= 2


def _same(option, preferred):
    def norm(value):
        return re.sub(r"[\s_–—-]+", "-", str(value).strip().lower())
    return norm(option) == norm(preferred)


def _bounds(schema, kind):
    low = schema.get("minimum")
    high = schema.get("maximum")
    step = 1 if kind == "integer" else 0.01
    if isinstance(schema.get("exclusiveMinimum"), (int, float)) and not isinstance(schema["exclusiveMinimum"], bool):
        low = schema["exclusiveMinimum"] + step
    elif schema.get("exclusiveMinimum") is True and low is not None:
        low += step
    if isinstance(schema.get("exclusiveMaximum"), (int, float)) and not isinstance(schema["exclusiveMaximum"], bool):
        high = schema["exclusiveMaximum"] - step
    elif schema.get("exclusiveMaximum") is True and high is not None:
        high -= step
    return low, high


def _uuid(rng):
    import uuid
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def violate(value, schema):
    """A valid JSON value that breaks `schema` (for the invalid_schema fault)."""
    schema = schema if isinstance(schema, dict) else {}
    if isinstance(value, dict):
        required = [name for name in schema.get("required", []) if name in value]
        if required:
            broken = dict(value)
            del broken[required[0]]
            return broken
        if schema.get("additionalProperties") is False:
            return {**value, "unexpected_field": True}
        for name, sub in (schema.get("properties") or {}).items():
            if name in value:
                return {**value, name: violate(value[name], sub)}
        return [value]
    if isinstance(value, list):
        return {"items": value}
    if isinstance(value, str):
        return 12345
    return "not a number" if isinstance(value, (int, float)) else 0
