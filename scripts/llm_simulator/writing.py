"""Sentences: bios, quotes, summaries, in-character replies and image descriptions."""

import random

from .prompt import extract_keywords, extract_topic, image_facts
from .vocabulary import ANECDOTES, IMAGE_COLOURS, IMAGE_MOODS, IMAGE_SUBJECTS, INTERESTS, OPENERS, THEMES

_ATTITUDE_VIEWS = {
    "enthusiast": "is keen to try anything new around {topic}",
    "early adopter": "is usually the first among friends to try new {topic} options",
    "skeptic": "is wary of big promises about {topic} until there is proof",
    "price-conscious": "is careful to weigh every {topic} decision against the monthly budget",
    "cautious": "is slow to commit to anything to do with {topic} without asking around first",
    "loyalist": "is loyal to the {topic} brands that have served the family well",
    "indifferent": "is not especially interested in {topic} unless something goes wrong",
    "pragmatist": "is practical about {topic}: it has to fit into an already busy routine",
}
_QUOTES = {
    "enthusiast": ["If it makes {topic} easier, I'm in. I just want it to work the first time.",
                   "I love discovering new things around {topic}; half the fun is telling my friends."],
    "early adopter": ["I'd rather try {topic} early and be wrong than miss out on something good.",
                      "Give me the beta. I'll tell you what's broken about {topic}."],
    "skeptic": ["Everyone says their {topic} is different. Show me, don't tell me.",
                "I've heard it all before about {topic}. Prove it and I'll listen."],
    "price-conscious": ["I'll pay for {topic} if it's worth it, but I check the price twice.",
                        "Every pound counts in our house, so {topic} has to earn its place."],
    "cautious": ["I need to trust who's behind {topic} before I hand over my details.",
                 "I'd rather wait and see how {topic} works out for other people first."],
    "loyalist": ["When I find {topic} I like, I stick with it. Switching is a hassle.",
                 "I've used the same {topic} for years and it's never let me down."],
    "indifferent": ["Honestly, {topic} isn't something I lose sleep over.",
                    "As long as {topic} does the job, I don't really mind which one it is."],
    "pragmatist": ["If {topic} saves me ten minutes a day, that's what sells it to me.",
                   "I just need {topic} to work on a Tuesday night when I'm tired."],
}
_REACTIONS = [
    "When it comes to {kw}, what matters most to me is whether it actually saves me time.",
    "{Kw} sounds good in theory, but I'd need to see it working in real life first.",
    "I've been thinking about {kw} a lot lately, mostly because of what it costs.",
    "If {kw} came at a fair price with no catch, I'd give it a go.",
    "My worry with {kw} is who's behind it and what they do with my information.",
    "I'd talk it over at home before deciding anything about {kw}.",
    "What would win me over on {kw} is hearing good things from people I actually know.",
    "{Kw} has to fit into my week without adding another thing to manage.",
]
_CLOSERS = ["That's just my take, though.", "So yes, I'm open to it, with conditions.",
            "I'd want a trial before paying for anything.", "Others here might feel differently.",
            "It really depends on the details.", "Ask me again once I've tried it."]
_MODERATOR_LINES = [
    "Thank you, that's really helpful. {Name}, how does {kw} fit into your own routine?",
    "Interesting point. Can someone tell me about the last time {kw} came up for them?",
    "Let's dig into that. What would make {kw} a clear yes for you?",
    "I'm hearing some different views on {kw}. What would change your mind?",
]


def _cap(text):
    return text[:1].upper() + text[1:]


def attitude_key(attitude):
    lowered = str(attitude).lower()
    for key in _ATTITUDE_VIEWS:
        if key in lowered or key.split()[0] in lowered:
            return key
    if "sceptic" in lowered:
        return "skeptic"
    return "pragmatist"


def bio(person, rng, topic):
    interests = rng.sample(INTERESTS, 2)
    view = _ATTITUDE_VIEWS[attitude_key(person.attitude)].format(topic=topic)
    return (f"{person.first} is a {person.age}-year-old {person.occupation[:1].lower()}{person.occupation[1:]} "
            f"living in {person.location}. Outside work {person.pronoun} enjoys {interests[0]} and {interests[1]}, "
            f"and {person.pronoun} {view}.").replace("they enjoys", "they enjoy").replace("they is", "they are")


def quote(person, rng, topic):
    return rng.choice(_QUOTES[attitude_key(person.attitude)]).format(topic=topic)


def summary(rng, topic, speakers):
    first, second = rng.sample(THEMES, 2)
    who = f"{speakers[0]} and {speakers[1]}" if len(speakers) >= 2 else "several participants"
    return (f"Participants discussed {topic} from quite different angles. {first} came up most often, with {who} "
            f"returning to it more than once. {second} divided the group: some saw it as a reason to try, others "
            f"as a reason to wait. Overall the group was open to the idea, but wanted clearer pricing and proof "
            f"that it works before committing.")


_SECTION_TITLES = ["Warm-up and introductions", "Current habits", "Needs and pain points", "First impressions",
                   "Reactions to the concept", "Price and value", "Barriers and concerns", "Ideal experience",
                   "Comparing alternatives", "Wrap-up"]


def title(rng, topic, index=None, sections=False):
    pool = _SECTION_TITLES if sections else THEMES
    if index is not None:
        return pool[index % len(pool)]
    return _cap(rng.choice(pool))


def question(rng, topic, index=None):
    forms = ["What comes to mind first when you think about {t}?", "How do you decide whether {t} is worth it?",
             "Which words would you use to describe {t} to a friend?", "Where do you usually hear about {t}?",
             "What worries you most about {t}?", "How much would you expect to pay for {t}, and why?",
             "Tell me about the last time you chose {t}. What happened?", "What would stop you from trying {t}?",
             "Who else influences your choices about {t}?", "If you could change one thing about {t}, what would it be?",
             "How does {t} fit into a normal week for you?", "What would a great experience of {t} look like?"]
    form = forms[index % len(forms)] if index is not None else rng.choice(forms)
    return form.format(t=topic)


def sentence(rng, topic):
    forms = ["Mentioned by several participants in connection with {t}.", "Linked to how people weigh {t} day to day.",
             "A recurring point whenever {t} came up.", "Reflects a practical, cost-aware view of {t}.",
             "Based on what the brief says about {t}."]
    return rng.choice(forms).format(t=topic)


def describe_image(rng, url, title=None):
    """A plausible, deterministic description: the format and size read from the image's header, the
    researcher's title when the prompt gives one, and subject, mood and colours picked by the image's digest."""
    facts = image_facts(url)
    size = f" ({facts['width']}×{facts['height']} pixels)" if "width" in facts else ""
    picker = random.Random(facts.get("digest") or rng.random())
    kind = f"{facts['format']} image" if "format" in facts else "image"
    subject = picker.choice(IMAGE_SUBJECTS)
    if title:
        subject = f"what the researcher calls \u201c{title}\u201d: {subject}"
    colours = " and ".join(picker.sample(IMAGE_COLOURS, 2))
    return (f"The {kind}{size} shows {subject}. The overall feel is {picker.choice(IMAGE_MOODS)}, mostly in "
            f"{colours}, with the main message placed prominently in the upper half.")


def reply(rng, context, speaking=False):
    """A short conversational answer to the last user message, in character when a persona is played.

    `speaking`: the text is a quoted utterance inside structured output, so never a summary or image description.
    """
    played = context.played
    keywords = extract_keywords(context.last_user, limit=3) or context.keywords or ["this"]
    keyword = extract_topic(context.last_user, keywords) if context.last_user and not speaking else context.topic
    parts = []
    if context.images and not speaking:
        parts.append(describe_image(rng, context.images[-1], context.image_title))
    if played.get("moderator"):
        name = context.speakers[0] if context.speakers else "everyone"
        parts.append(rng.choice(_MODERATOR_LINES).format(Name=name, kw=keyword))
        return " ".join(parts)
    if not speaking and "summar" in (context.system + context.last_user).lower():
        parts.append(summary(rng, context.topic, context.speakers))
        return " ".join(parts)
    attitude = attitude_key(played.get("attitude") or rng.choice(sorted(OPENERS)))
    parts.append(rng.choice(OPENERS[attitude]))
    reaction = rng.choice(_REACTIONS)
    parts.append(reaction.replace("{Kw}", _cap(keyword)).replace("{kw}", keyword))
    anecdote = rng.choice(ANECDOTES)
    if played.get("occupation") and rng.random() < 0.5:
        anecdote = f"as a {played['occupation'].lower()}, {anecdote}"
    parts.append(_cap(anecdote) + ".")
    if rng.random() < 0.6:
        parts.append(rng.choice(_CLOSERS))
    return " ".join(parts)
