"""One chat completion, as a pure function of the request body: content, usage, response and SSE chunks."""

import hashlib
import json
import math
import re

from . import conversation, guide, injection, modification, session, writing
from .prompt import PromptContext
from .schema import SchemaWriter, sub_rng, violate
from .transcript import parse_lines

CREATED = 1767225600  # fixed, so a replayed request is byte-identical (2026-01-01T00:00:00Z)
IMAGE_TOKENS = 85     # what a low-detail image costs on OpenAI's vision models
WORDS_PER_CHUNK = 3


class RequestError(Exception):
    """A request the simulator refuses with 400, like OpenAI does."""


def request_seed(body):
    """SHA-256 hex of the canonical body without the streaming switches, which do not change the content."""
    canonical = {key: value for key, value in body.items() if key not in ("stream", "stream_options")}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def schema_of(body):
    response_format = body.get("response_format")
    if not isinstance(response_format, dict):
        return None, False
    if response_format.get("type") == "json_schema":
        spec = response_format.get("json_schema")
        if not isinstance(spec, dict) or not isinstance(spec.get("schema", {}), dict):
            raise RequestError("response_format.json_schema must be an object with a 'schema' object")
        return spec.get("schema", {}), True
    if response_format.get("type") == "json_object":
        return {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}, True
    return None, False


class Completion:
    """The simulated answer to one validated request body (faults are applied by the caller)."""

    def __init__(self, body, model):
        messages = body.get("messages")
        if not isinstance(messages, list) or not messages:
            raise RequestError("'messages' must be a non-empty array")
        self.body = body
        self.model = model
        self.seed = request_seed(body)
        self.id = "chatcmpl-" + self.seed[:29]
        self.context = PromptContext(messages)
        self.schema, self.is_json = schema_of(body)
        self.finish_reason = "stop"
        self.session = session.recognise(self.context, self.schema if self.is_json else None)
        # A participant's retry is seeded like its first draft, so the answer can steer clear of that draft.
        answer = self.session.answer(request_seed(self.session.without_feedback(body))) if self.session else None
        if self.session and injection.obeys(self.session, self.context):
            answer = injection.answer(self.session, self.context, self.seed, answer)
        if self.is_json:
            special = None
            if answer is None and modification.is_modification_schema(self.schema):
                special = modification.changes_for(self.context, sub_rng(self.seed, "modify"))
            elif answer is None and guide.is_guide_schema(self.schema):
                special = guide.guide_for(self.context, sub_rng(self.seed, "guide"))
            elif answer is None and guide.is_section_schema(self.schema):
                special = guide.section_for(self.context, sub_rng(self.seed, "guide-section"))
            self.value = answer or special or SchemaWriter(self.schema, self.seed, self.context).value()
            self.content = json.dumps(self.value, ensure_ascii=False)
        else:
            self.value = None
            self.content = answer or writing.reply(sub_rng(self.seed, "reply"), self.context)
            limit = body.get("max_completion_tokens") or body.get("max_tokens")
            if isinstance(limit, int) and not isinstance(limit, bool) and 0 < limit < math.ceil(len(self.content) / 4):
                self.content = self.content[: limit * 4].rstrip()
                self.finish_reason = "length"

    def break_json(self):
        """malformed_json: the answer stops half-way, so it does not parse."""
        self.content = self.content[: max(1, len(self.content) // 2)].rstrip("}] \n")

    def break_schema(self):
        """invalid_schema: valid JSON that violates the requested schema."""
        if self.is_json:
            self.content = json.dumps(violate(self.value, self.schema), ensure_ascii=False)

    def break_character(self):
        """break_character (plain text only): the answer steps out of the role, as a model sometimes does."""
        self.content = conversation.out_of_character(self.session.topic() if self.session else self.context.topic)
        self.finish_reason = "stop"

    def repeat_last(self):
        """repeat_last (plain text only): the answer repeats the text of the prompt's last transcript line
        verbatim; without a transcript the answer is left as it is."""
        lines = self.session.lines if self.session else parse_lines(self.context.all_user)
        if lines:
            self.content = lines[-1].text
            self.finish_reason = "stop"

    @property
    def usage(self):
        prompt = math.ceil(self.context.prompt_chars / 4) + IMAGE_TOKENS * len(self.context.images)
        completion = math.ceil(len(self.content) / 4)
        return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}

    def response(self):
        return {
            "id": self.id, "object": "chat.completion", "created": CREATED, "model": self.model,
            "system_fingerprint": "fp_cohorta_sim",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": self.content, "refusal": None},
                         "logprobs": None, "finish_reason": self.finish_reason}],
            "usage": self.usage,
        }

    def pieces(self):
        """The content split into a few words per chunk; joined back they equal the content exactly."""
        tokens = re.findall(r"\s+|\S+\s*", self.content)
        return ["".join(tokens[n:n + WORDS_PER_CHUNK]) for n in range(0, len(tokens), WORDS_PER_CHUNK)]

    def chunks(self, include_usage):
        """chat.completion.chunk objects, OpenAI's order: role, content pieces, finish, then usage (if asked)."""
        def chunk(delta, finish=None):
            return {"id": self.id, "object": "chat.completion.chunk", "created": CREATED, "model": self.model,
                    "system_fingerprint": "fp_cohorta_sim",
                    "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
        yield chunk({"role": "assistant", "content": ""})
        for piece in self.pieces():
            yield chunk({"content": piece})
        yield chunk({}, self.finish_reason)
        if include_usage:
            yield {"id": self.id, "object": "chat.completion.chunk", "created": CREATED, "model": self.model,
                   "system_fingerprint": "fp_cohorta_sim", "choices": [], "usage": self.usage}
