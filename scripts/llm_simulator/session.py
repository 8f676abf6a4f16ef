"""Requests rendered from Cohorta's session templates (prompts/session/*.md): which template, and its inputs.

Recognition, first match wins ("sections" are the <data name="…"> sections of the user messages):
  decision     a schema whose properties include next_speaker, desires and question_exhausted
  poll         a schema whose only property is `answer` (an array of integers), and a `poll` section
  report       a schema with summary and themes (an array of objects with quotes), and a `transcript` section
  themes       a schema with themes (an array of objects with quotes) but no summary, and a `transcript` section
  moderator    no schema, and an `item` section
  participant  no schema, and `persona` and `question` sections
  summary      no schema, and `summary` and `lines` sections
Plain variables are read from "Label: value" lines outside the data sections (the last one of each label):
Language, Task, Cue, Feedback, Mode and Poll kind. Without a valid `Task:` line the moderator's task is told
from the item's first words ("Introduction:" → open, "Probe:" → probe …).
"""

import copy
import json
import re

from . import analysis, conversation, decisions
from .phrases import PHRASES, language_of
from .prompt import _NAMED_SECTION, extract_keywords, extract_topic
from .transcript import parse_lines, parse_roster

TASKS = ("open", "ask", "probe", "acknowledge", "hand_back", "close")
_DATA = re.compile(r"<data\b.*?</data>", re.DOTALL | re.IGNORECASE)
_FIELD = re.compile(r"^(Language|Task|Cue|Feedback|Mode|Poll kind):[ \t]*(.*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_TASK_BY_ITEM = (("introduction:", "open"), ("probe:", "probe"), ("researcher said:", "acknowledge"),
                 ("the researcher moderated", "hand_back"), ("closing:", "close"), ("question:", "ask"))


def recognise(context, schema):
    """The SessionRequest for a request rendered from a session template, else None."""
    sections = {name.lower(): text.strip("\n") for name, text in _NAMED_SECTION.findall(context.all_user)}
    kind = _kind(sections, schema)
    return SessionRequest(kind, context, sections) if kind else None


def _kind(sections, schema):
    if isinstance(schema, dict):
        properties = schema.get("properties") if isinstance(schema.get("properties"), dict) else {}
        names = set(properties)
        if {"next_speaker", "desires", "question_exhausted"} <= names:
            return "decision"
        answer = properties.get("answer") if isinstance(properties.get("answer"), dict) else {}
        if names == {"answer"} and (answer.get("items") or {}).get("type") == "integer" and "poll" in sections:
            return "poll"
        themes = properties.get("themes") if isinstance(properties.get("themes"), dict) else {}
        if "quotes" in ((themes.get("items") or {}).get("properties") or {}) and "transcript" in sections:
            return "report" if "summary" in names else "themes"
        return None
    if "item" in sections:
        return "moderator"
    if {"persona", "question"} <= sections.keys():
        return "participant"
    if {"summary", "lines"} <= sections.keys():
        return "summary"
    return None


class SessionRequest:
    """One recognised request: its kind, data sections, plain fields and parsed transcript."""

    def __init__(self, kind, context, sections):
        self.kind = kind
        self.sections = sections
        self.fields = {}
        for _, text in context.texts:
            for label, value in _FIELD.findall(_DATA.sub("", text)):
                self.fields[label.lower()] = value
        self.language = language_of(self.fields.get("language"))
        self.lines = parse_lines(sections.get("transcript") or sections.get("lines") or "")

    def section(self, name):
        return self.sections.get(name, "")

    @property
    def task(self):
        task = self.fields.get("task", "").strip().lower()
        if task in TASKS:
            return task
        item = self.section("item").lower()
        return next((task for marker, task in _TASK_BY_ITEM if marker in item), "ask")

    @property
    def persona(self):
        try:
            persona = json.loads(self.section("persona"))
        except ValueError:
            return {}
        return persona if isinstance(persona, dict) else {}

    def roster(self):
        """The other participants (participant) or everyone (moderator): name and attitude."""
        return parse_roster(self.section("others") or self.section("participants"))

    def topic(self, text=None):
        """A short phrase for what `text` (default: the question) is about, in the text's own spelling."""
        text = self.section("question") if text is None else text
        if not text.strip():
            return self.group_topic()
        words = PHRASES[self.language]
        stopwords = {word.lower() for word in words["stopwords"]}
        topic = _topic_after_preposition(text, words, stopwords) or extract_topic(
            text, [word for word in extract_keywords(text, limit=12) if word not in stopwords])
        original = re.search(re.escape(topic), text, re.IGNORECASE)
        return original.group(0) if original else topic

    def group_topic(self):
        """What the focus group is about, from its "Objective: …" line."""
        group = self.section("group")
        objective = re.search(r"Objective:\s*([^\n]+)", group)
        text = objective.group(1) if objective else group
        return extract_topic(text, extract_keywords(text)) if text.strip() else "the product"

    def answer(self, seed):
        """The answer: text for moderator, participant and summary; a JSON value for the others."""
        return _ANSWERS[self.kind](self, seed)

    def without_feedback(self, body):
        """The body as the same participant request without feedback: its seed is the first draft's."""
        if self.kind != "participant" or not self.fields.get("feedback"):
            return body
        pattern = re.compile(r"(<data\b.*?</data>)|^Feedback:[ \t]*[^\n]*$", re.DOTALL | re.MULTILINE | re.IGNORECASE)
        draft = copy.deepcopy(body)
        for message in draft.get("messages", []):
            if isinstance(message, dict) and message.get("role") == "user" and isinstance(message.get("content"), str):
                message["content"] = pattern.sub(lambda match: match.group(1) or "Feedback: ", message["content"])
        return draft

    def last_line_text(self):
        return self.lines[-1].text if self.lines else None


def _topic_after_preposition(text, words, stopwords):
    """The noun after a preposition and an article in German, French or Spanish ("ein Abo für Kochboxen" →
    Kochboxen, "pour une box repas" → box repas); English questions are read by prompt.extract_topic."""
    if not words["topic_leads"]:
        return None
    leads = "|".join(map(re.escape, words["topic_leads"]))
    articles = "|".join(map(re.escape, words["articles"]))
    noun = r"[^\W\d_][\w'-]{2,}"
    for match in re.finditer(rf"\b(?:{leads})\s+(?:(?:{articles})\s+)?({noun})(?:\s+({noun}))?", text, re.IGNORECASE):
        first, second = match.groups()
        if first.lower() in stopwords:
            continue
        joined = words["topic_words"] > 1 and second and second.islower() and second.lower() not in stopwords \
            and second.lower() not in words["topic_leads"]
        return f"{first} {second}" if joined else first
    return None


_ANSWERS = {
    "moderator": conversation.moderator,
    "participant": conversation.participant,
    "decision": decisions.decision,
    "poll": decisions.poll,
    "summary": analysis.summary,
    "themes": analysis.themes,
    "report": analysis.report,
}
