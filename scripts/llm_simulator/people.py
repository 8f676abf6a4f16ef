"""Coherent made-up people: one Person per generated profile, honouring any slot the prompt pins."""

import re

from .vocabulary import (AGE_BANDS, ATTITUDES, CULTURES, GENDERS, INCOME_BANDS, NON_BINARY_NAMES, OCCUPATIONS,
                         RETIRED_OCCUPATIONS, STUDENT_OCCUPATIONS)

# Words in an instruction or brief that push a persona's attributes one way ("make her more price-sensitive").
BIASES = [
    (("price", "budget", "cheap", "frugal", "afford", "cost"), {
        "attitude": "price-conscious", "values": ["value for money"],
        "frustrations": ["prices creeping up on everyday essentials", "hidden fees and surprise charges"],
        "shopping": ["compares prices on two or three sites before buying", "waits for sales on big purchases"],
        "motivations": ["feeling in control of money"]}),
    (("eco", "sustainab", "green", "environment", "climate"), {
        "values": ["sustainability"], "motivations": ["reducing their environmental footprint"],
        "shopping": ["buys second-hand when possible"], "frustrations": ["products that break just after the warranty"]}),
    (("tech", "digital", "gadget", "early adopter", "innovat"), {
        "attitude": "early adopter", "technology": ["smartwatch", "voice assistant at home"],
        "interests": ["gaming"], "media": ["YouTube", "Reddit"]}),
    (("skeptic", "sceptic", "doubt", "distrust", "cynical"), {"attitude": "skeptic", "values": ["honesty"]}),
    (("loyal",), {"attitude": "loyalist", "shopping": ["sticks to a few trusted brands"]}),
    (("health", "fitness", "wellbeing", "wellness"), {"values": ["health"], "interests": ["running", "yoga"],
                                                       "motivations": ["staying healthy as they age"]}),
    (("family", "parent", "kids", "children", "mum", "mom", "dad"), {
        "values": ["family"], "motivations": ["providing a good life for the kids"]}),
]


def biases_for(text):
    lowered = text.lower()
    merged = {}
    for words, bias in BIASES:
        if any(word in lowered for word in words):
            for key, value in bias.items():
                if isinstance(value, list):
                    merged.setdefault(key, [])
                    merged[key].extend(item for item in value if item not in merged[key])
                else:
                    merged.setdefault(key, value)
    return merged


def normalise_gender(value):
    lowered = str(value).strip().lower()
    if lowered in ("f", "female", "woman", "women", "girl"):
        return "female"
    if lowered in ("m", "male", "man", "men", "boy"):
        return "male"
    if "non" in lowered or lowered in ("nb", "other", "diverse", "x", "enby"):
        return "non-binary"
    return None


def age_range(band):
    text = str(band).replace("–", "-").replace("—", "-").lower()
    numbers = [int(n) for n in re.findall(r"\d{1,3}", text)]
    if len(numbers) >= 2:
        return min(numbers[0], numbers[1]), max(numbers[0], numbers[1])
    if len(numbers) == 1:
        if "+" in text or "over" in text or "above" in text or "plus" in text:
            return numbers[0], numbers[0] + 14
        if "under" in text or "below" in text:
            return max(16, numbers[0] - 8), numbers[0] - 1
        return numbers[0], numbers[0]
    return 18, 75


def band_for_age(age):
    for band in AGE_BANDS:
        low, high = age_range(band)
        if low <= age <= high:
            return band
    return AGE_BANDS[-1] if age > 64 else AGE_BANDS[0]


def income_tier(band):
    lowered = str(band).lower()
    if any(word in lowered for word in ("upper", "high", "affluent", "wealthy", "rich")):
        return 2
    if "middle" in lowered or "mid" in lowered or "average" in lowered:
        return 1
    if any(word in lowered for word in ("low", "budget", "modest")):
        return 0
    return 1


class Person:
    """One generated person; every field of a profile object reads from the same Person."""

    def __init__(self, rng, slot, place_cultures, biases):
        slot = {key: value for key, value in (slot or {}).items() if value not in (None, "")}
        self.slot = slot
        self.gender = normalise_gender(slot.get("gender", "")) or rng.choices(GENDERS, weights=[48, 48, 4])[0]
        if "age" in slot and re.fullmatch(r"\s*\d{1,3}\s*", str(slot["age"])):
            self.age = int(str(slot["age"]).strip())
        else:
            low, high = age_range(slot.get("age_band", slot.get("age", "")) or "22-72")
            self.age = rng.randint(low, high)
        self.age_band = str(slot["age_band"]) if "age_band" in slot else band_for_age(self.age)
        located = str(slot.get("location") or slot.get("city") or slot.get("country") or "")
        culture = self._culture_for(located, rng, place_cultures)
        females, males, families, cities = CULTURES[culture]
        given = {"female": females, "male": males}.get(self.gender, NON_BINARY_NAMES + females[:2] + males[:2])
        name = str(slot.get("name", "")).split()
        self.first = str(slot.get("first_name") or (name[0] if name else rng.choice(given)))
        self.last = str(slot.get("last_name") or (" ".join(name[1:]) if len(name) > 1 else rng.choice(families)))
        if slot.get("location") or slot.get("city"):
            self.location = str(slot.get("location") or slot.get("city"))
        else:
            country = str(slot.get("country", "")).lower()
            self.location = rng.choice([city for city in cities if country and country in city.lower()] or cities)
        self.income_band = str(slot.get("income_band") or slot.get("income") or rng.choice(INCOME_BANDS))
        self.attitude = str(slot.get("attitude") or biases.get("attitude") or rng.choice(ATTITUDES))
        self.occupation = str(slot.get("occupation") or self._occupation(rng))

    @property
    def name(self):
        return f"{self.first} {self.last}"

    @property
    def city(self):
        return self.location.split(",")[0].strip()

    @property
    def country(self):
        parts = self.location.split(",")
        return parts[-1].strip() if len(parts) > 1 else self.location

    @property
    def pronoun(self):
        return {"female": "she", "male": "he"}.get(self.gender, "they")

    def attribute(self, key):
        """The person's value for a profile field, or None when the person has no such attribute."""
        return {"name": self.name, "full_name": self.name, "first_name": self.first, "last_name": self.last,
                "gender": self.gender, "age": self.age, "age_band": self.age_band, "location": self.location,
                "city": self.city, "country": self.country, "occupation": self.occupation,
                "income_band": self.income_band, "income": self.income_band, "attitude": self.attitude,
                }.get(key)

    @staticmethod
    def _culture_for(located, rng, place_cultures):
        lowered = located.lower()
        if lowered:
            for key, (_, _, _, cities) in CULTURES.items():
                if any(lowered in city.lower() or city.lower().split(",")[0] in lowered for city in cities):
                    return key
        if place_cultures and rng.random() < 0.8:
            return rng.choice(place_cultures)
        return rng.choice(sorted(CULTURES))

    def _occupation(self, rng):
        if self.age < 23 and rng.random() < 0.6:
            return rng.choice(STUDENT_OCCUPATIONS)
        if self.age >= 66 and rng.random() < 0.7:
            return rng.choice(RETIRED_OCCUPATIONS)
        tier = income_tier(self.income_band)
        return rng.choice([name for name, level in OCCUPATIONS if level == tier])
