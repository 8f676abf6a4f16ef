"""JSON-schema answers: valid against the schema, persona-aware, following the prompt's slots and counts."""

import json

import pytest

from sim_helpers import DETAIL_SCHEMA, PROFILE_SCHEMA, SLOTS, profiles_body, schema_body, violations


def profiles(simulator, **kwargs):
    return json.loads(simulator.content(profiles_body(**kwargs)))["profiles"]


def test_profiles_are_valid_against_a_persona_profile_schema(simulator):
    panel = profiles(simulator)
    assert violations({"profiles": panel}, PROFILE_SCHEMA) == []


def test_profiles_follow_the_slots_of_the_sampling_plan(simulator):
    panel = profiles(simulator)
    assert len(panel) == len(SLOTS)
    for person, slot in zip(panel, SLOTS):
        low, high = (65, 90) if slot["age_band"] == "65+" else map(int, slot["age_band"].split("-"))
        assert low <= person["age"] <= high, (person, slot)
        assert person["gender"] == slot["gender"]
        assert person["income_band"] == slot["income_band"]
        assert person["attitude"] == slot["attitude"]


def test_a_panel_is_not_repetitive(simulator):
    panel = profiles(simulator, slots=SLOTS * 2)
    assert len(panel) == 12
    assert len({person["name"] for person in panel}) == 12
    assert len({person["bio"] for person in panel}) == 12
    assert len({person["location"] for person in panel}) >= 4
    assert len({person["name"].split()[-1] for person in panel}) >= 6


def test_the_bio_speaks_of_the_same_person(simulator):
    for person in profiles(simulator):
        assert person["bio"].startswith(person["name"].split()[0])
        assert str(person["age"]) in person["bio"]
        assert person["location"] in person["bio"]


def test_a_requested_count_is_honoured_within_min_and_max_items(simulator):
    schema = {"type": "object", "required": ["items"], "additionalProperties": False,
              "properties": {"items": {"type": "array", "minItems": 2, "maxItems": 8,
                                       "items": {"type": "object", "required": ["name", "age"],
                                                 "properties": {"name": {"type": "string"},
                                                                "age": {"type": "integer"}}}}}}
    for asked, expected in ((5, 5), (1, 2), (12, 8)):
        value = json.loads(simulator.content(schema_body(schema, f"Generate {asked} personas for a bakery.")))
        assert len(value["items"]) == expected


def test_explicit_single_slots_are_honoured(simulator):
    value = json.loads(simulator.content(schema_body(
        DETAIL_SCHEMA, "Complete this persona.\nname: Aiko Tanaka\nage_band: 35-44\ngender: female")))
    assert value["name"] == "Aiko Tanaka"
    assert 35 <= value["age"] <= 44
    assert value["gender"] == "female"


def test_a_detailed_persona_is_valid_and_keeps_the_basic_profile(simulator):
    basic = {"name": "Chinedu Okafor", "age": 38, "gender": "male", "location": "Lagos, Nigeria",
             "occupation": "Pharmacist"}
    value = json.loads(simulator.content(schema_body(
        DETAIL_SCHEMA, "Add psychographic and behavioural detail to this profile:\n<data name=\"profile\">"
        + json.dumps(basic) + "</data>", model="cohorta-sim-main")))
    assert violations(value, DETAIL_SCHEMA) == []
    assert (value["name"], value["age"], value["gender"]) == ("Chinedu Okafor", 38, "male")
    assert "Lagos" in value["bio"] and "pharmacist" in value["bio"]
    assert all(entry["source"] == "inferred" and entry["rows"] == [] for entry in value["provenance"].values())
    for group, field in (("psychographics", "values"), ("behaviours", "media")):
        items = value[group][field]
        assert len(items) == len(set(items))


def test_customer_data_grounds_provenance_in_rows(simulator):
    csv = "age,gender,city,spend\n34,female,Leeds,120\n51,male,Bristol,80\n29,female,Leeds,200\n"
    value = json.loads(simulator.content(schema_body(
        DETAIL_SCHEMA, f"Build a persona grounded in this data:\n<data name=\"customer_data\">\n{csv}</data>")))
    assert violations(value, DETAIL_SCHEMA) == []
    grounded = {field: entry for field, entry in value["provenance"].items() if entry["source"] == "customer_data"}
    assert grounded, value["provenance"]
    assert all(entry["rows"] and all(1 <= row <= 3 for row in entry["rows"]) for entry in grounded.values())


def test_an_instruction_steers_a_modification(simulator):
    schema = {"type": "object", "additionalProperties": False, "required": ["attitude", "psychographics"],
              "properties": {"attitude": {"type": "string"},
                             "psychographics": DETAIL_SCHEMA["properties"]["psychographics"]}}
    value = json.loads(simulator.content(schema_body(
        schema, "Return the changed fields.\n<data name=\"instruction\">make her more price-sensitive</data>")))
    assert value["attitude"] == "price-conscious"
    assert "value for money" in value["psychographics"]["values"]


CONSTRAINED = [
    {"type": "object", "required": ["score", "ratio", "tags", "flag", "level"], "additionalProperties": False,
     "properties": {"score": {"type": "integer", "minimum": 3, "maximum": 4},
                    "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                    "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b", "c"]},
                             "minItems": 3, "maxItems": 3},
                    "flag": {"type": "boolean"}, "level": {"enum": ["low", "high"]}}},
    {"type": "object", "required": ["code", "note", "empty"], "additionalProperties": False,
     "properties": {"code": {"type": "string", "minLength": 5, "maxLength": 5},
                    "note": {"type": ["string", "null"], "maxLength": 10},
                    "empty": {"type": "array", "maxItems": 0, "items": {"type": "integer"}}}},
    {"$defs": {"section": {"type": "object", "required": ["title", "minutes", "questions"],
                           "additionalProperties": False,
                           "properties": {"title": {"type": "string"},
                                          "minutes": {"type": "integer", "minimum": 1, "maximum": 30},
                                          "questions": {"type": "array", "minItems": 2, "maxItems": 4,
                                                        "items": {"type": "string", "minLength": 10}}}}},
     "type": "object", "required": ["sections"], "additionalProperties": False,
     "properties": {"sections": {"type": "array", "minItems": 3, "maxItems": 6,
                                 "items": {"$ref": "#/$defs/section"}}}},
    {"type": "object", "required": ["themes", "summary"], "additionalProperties": False,
     "properties": {"summary": {"type": "string", "minLength": 50},
                    "themes": {"type": "array", "minItems": 2, "maxItems": 5, "items": {
                        "type": "object", "required": ["title", "quotes"], "additionalProperties": False,
                        "properties": {"title": {"type": "string"},
                                       "quotes": {"type": "array", "minItems": 2, "items": {
                                           "anyOf": [{"type": "object", "required": ["speaker", "text"],
                                                      "properties": {"speaker": {"type": "string"},
                                                                     "text": {"type": "string"}}},
                                                     {"type": "null"}]}}}}}}},
    {"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer", "multipleOf": 1}},
]


@pytest.mark.parametrize("schema", CONSTRAINED, ids=["numbers-enums", "lengths", "refs", "themes", "root-array"])
def test_constrained_schemas_are_satisfied(simulator, schema):
    for seed in range(5):
        value = json.loads(simulator.content(schema_body(schema, "Discuss oat milk.", seed=seed)))
        assert violations(value, schema) == [], value


def test_theme_titles_are_distinct(simulator):
    value = json.loads(simulator.content(schema_body(CONSTRAINED[3], "Maria: too pricey\nTom: I like it")))
    titles = [theme["title"] for theme in value["themes"]]
    assert len(set(titles)) == len(titles)


def test_json_object_mode_returns_an_object(simulator):
    body = {"model": "cohorta-sim-mini", "response_format": {"type": "json_object"},
            "messages": [{"role": "user", "content": "Answer in JSON: do you like tea?"}]}
    assert isinstance(json.loads(simulator.content(body)), dict)


def test_slots_given_as_a_json_plan_are_followed(simulator):
    plan = [{"age_band": "18-24", "gender": "male", "income_band": "low"},
            {"age_band": "55-64", "gender": "female", "income_band": "high"},
            {"age_band": "35-44", "gender": "non-binary", "income_band": "middle"}]
    user = ("Create one profile per slot of the sampling plan.\n<data name=\"brief\">Commuters in Kenya using "
            f"mobile money</data>\n<data name=\"slots\">{json.dumps(plan)}</data>")
    panel = json.loads(simulator.content(schema_body(PROFILE_SCHEMA, user)))["profiles"]
    assert [(person["gender"], person["income_band"]) for person in panel] == [
        (slot["gender"], slot["income_band"]) for slot in plan]
    assert 18 <= panel[0]["age"] <= 24 and 55 <= panel[1]["age"] <= 64
    assert all("mobile money" in person["bio"] for person in panel)


def test_a_place_in_the_brief_shapes_the_panel(simulator):
    panel = profiles(simulator, brief="Young professionals in Japan choosing a meal-kit service")
    assert sum("Japan" in person["location"] for person in panel) >= len(panel) // 2


def test_a_city_named_in_the_brief_steers_where_personas_live(simulator):
    """Regression: "commuters in Berlin" used to produce people from anywhere (only countries steered)."""
    panel = profiles(simulator, brief="Urban commuters in Berlin considering an e-bike subscription")
    german_speaking = [person for person in panel
                       if person["location"].endswith(("Germany", "Austria", "Switzerland"))]
    assert len(german_speaking) >= len(panel) // 2, panel
