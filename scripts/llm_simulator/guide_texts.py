"""The phrasings of simulated discussion guides, in English and German (other languages get English).

Each section kind has title variants, a goal, optional openers (one starts the section: an introduction round,
a stimulus shown), questions (text and probes) and, where it carries one, a poll.
`{topic}` is what the group is about and `{title}` a stimulus title; both are filled in by guide.py.
"""

LIKERT = {
    "en": ["Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely", "Very likely"],
    "de": ["Sehr unwahrscheinlich", "Eher unwahrscheinlich", "Weder noch", "Eher wahrscheinlich",
           "Sehr wahrscheinlich"],
}
RANKING = {
    "en": ["Price", "Quality", "Convenience", "Trust in the provider", "Time saved"],
    "de": ["Preis", "Qualität", "Bequemlichkeit", "Vertrauen in den Anbieter", "Zeitersparnis"],
}
NONE_OF_THESE = {"en": "None of these", "de": "Keines davon"}

INTRODUCTION = {
    "en": ("Welcome, everyone, and thank you for taking the time to join us. Today we are talking about {topic}: "
           "what you do, what you think{shown}. There are no right or wrong answers, and we are "
           "not here to sell anything. Please speak from your own experience, and feel free to disagree with each other: "
           "different views are exactly what we are looking for, and critical comments help us just as much as "
           "positive ones."),
    "de": ("Herzlich willkommen und vielen Dank, dass Sie sich heute Zeit nehmen. Wir möchten mit Ihnen über das "
           "Thema „{topic}“ sprechen: welche Rolle es in Ihrem Alltag spielt{shown}. Es gibt keine richtigen oder "
           "falschen Antworten, und wir wollen Ihnen nichts verkaufen. Bitte sprechen Sie aus Ihrer eigenen "
           "Erfahrung und widersprechen Sie sich ruhig gegenseitig: Unterschiedliche Sichtweisen sind genau das, "
           "was uns interessiert, und kritische Anmerkungen helfen uns genauso wie positive."),
}
SHOWN = {
    "en": ", and what you make of some ideas we will show you",
    "de": " und was Sie von einigen Ideen halten, die wir Ihnen zeigen",
}
CLOSING = {
    "en": ("That brings us to the end. Thank you all for your openness and for sharing your experiences, including "
           "where you disagreed. Before we finish: is there anything about {topic} that we have not asked but you "
           "think we should know?"),
    "de": ("Damit sind wir am Ende angekommen. Vielen Dank für Ihre Offenheit und dafür, dass Sie Ihre Erfahrungen "
           "mit uns geteilt haben, auch dort, wo Sie unterschiedlicher Meinung waren. Bevor wir schließen: Gibt es "
           "zum Thema „{topic}“ noch etwas, das wir nicht gefragt haben, das wir aber wissen sollten?"),
}

SECTIONS = {
    "en": {
        "warmup": {
            "titles": ["Warm-up and introductions", "Getting to know each other", "Introductions"],
            "goal": "Get everyone talking and learn how each person relates to {topic}.",
            "openers": [
                ("Please introduce yourself briefly: your first name and what a typical weekday looks like for you.",
                 ["What takes up most of your time?"]),
                ("To start, please tell us your first name and one thing you did last weekend.",
                 ["What made it a good or a bad weekend?"]),
                ("Let's go round the group: your first name, and how {topic} fits into your life right now.",
                 ["What has changed about that recently?"]),
            ],
            "questions": [
                ("When you hear “{topic}”, what is the first thing that comes to mind?",
                 ["What makes you think of that?", "Does anyone have a very different association?"]),
                ("How does {topic} show up in your everyday life at the moment, if at all?",
                 ["Can you give an example from the last week?"]),
                ("When did {topic} last come up for you?", ["What happened?"]),
                ("What is one thing about {topic} that you already have an opinion on?",
                 ["Where does that opinion come from?"]),
                ("Think of the people you live with or see most. How do they deal with {topic}?",
                 ["How is that different from you?"]),
                ("What does a good week look like for you, and where does {topic} fit into it?",
                 ["What makes a week go wrong?"]),
            ],
        },
        "experience": {
            "titles": ["Current habits and experiences", "How things work today", "Today's routines"],
            "goal": "Understand what people do today, what works for them and what frustrates them.",
            "questions": [
                ("Walk me through the last time you dealt with {topic}. What happened, step by step?",
                 ["What was the hardest part?", "Who else was involved?"]),
                ("What works well for you today, and what gets in the way?",
                 ["Can you give an example?", "How do you work around it?"]),
                ("What have you tried in the past to make this easier?", ["What made you stop or stay with it?"]),
                ("Tell me about a time when it went badly.", ["What would have helped?"]),
                ("Who or what influences the choices you make here?", ["Whose opinion counts most, and why?"]),
                ("How much time, money or effort does this take you in a normal week?",
                 ["Which of those matters most to you?"]),
                ("What do you wish you had known earlier about {topic}?", ["How did you find out?"]),
            ],
        },
        "exposure": {
            "titles": ["First reactions to “{title}”", "Introducing “{title}”", "A first look at “{title}”"],
            "goal": "Capture unprompted first reactions to “{title}” before discussing any details.",
            "openers": [
                ("Please take a moment with “{title}”. What is your very first reaction?",
                 ["What made you feel that way?", "Who sees it differently?"]),
                ("Here is “{title}”. What goes through your mind as you look at it?",
                 ["What makes you say that?", "Does anyone see it differently?"]),
                ("Let's turn to “{title}”. What is the first thing you notice?",
                 ["Why does that stand out?", "Who noticed something else?"]),
            ],
            "questions": [
                ("In your own words, what does “{title}” offer, and who is it for?", ["What makes you say that?"]),
                ("What, if anything, is unclear or hard to believe about it?",
                 ["What would you need to see to believe it?"]),
                ("What stands out to you, positively or negatively?", ["Why does that matter to you?"]),
                ("Who do you think “{title}” is really meant for?", ["Is that you? Why or why not?"]),
                ("What questions would you want answered before trying “{title}”?", ["Who would you ask?"]),
                ("How does “{title}” compare with what you do today?", ["What would you give up for it?"]),
            ],
            "poll": ("likert", "How likely would you be to try “{title}” if it were available to you?"),
        },
        "exposures": {
            "titles": ["Looking at the ideas", "The ideas side by side", "Comparing the ideas"],
            "goal": "Capture first reactions to each idea, then learn which fits whom best, and why.",
            "each": [("Let's look at “{title}”. What is your first reaction?",
                      ["What made you feel that way?", "Who sees it differently?"]),
                     ("Here is “{title}”. What goes through your mind as you look at it?",
                      ["What makes you say that?", "Does anyone see it differently?"])],
            "questions": [
                ("Now that you have seen all of them, how do they compare for you?",
                 ["Which differences matter most?"]),
                ("Which one fits your life best, and which least?", ["What tips the balance?"]),
                ("What, if anything, is unclear or hard to believe in what you have seen?",
                 ["What would you need to see to believe it?"]),
                ("What would you take from one idea and add to another?", []),
                ("Which idea would you recommend to someone you know, and why that one?", []),
                ("What, if anything, do all of these ideas get wrong?", ["What would fix it?"]),
            ],
            "poll": ("choice", "Which of these would you most likely choose?"),
        },
        "value": {
            "titles": ["Value, price and fit", "What it would be worth", "Fit with everyday life"],
            "goal": "Explore what would make it worth paying for or switching to, and what stands in the way.",
            "questions": [
                ("How would this fit into your week as it is today?", ["What would have to change?"]),
                ("What would it be worth to you, and what are you comparing it with?",
                 ["At what point would it feel too expensive?"]),
                ("What would stop you from trying it?",
                 ["What could remove that concern?", "Who shares that concern?"]),
                ("What is missing that would make it a clear yes for you?", []),
                ("What would you expect to pay, and what would make that feel fair?",
                 ["What would feel like a rip-off?"]),
                ("What would you have to stop doing or buying to make room for it?", []),
                ("Who else at home would have a say in this, and what would they think?",
                 ["What would convince them?"]),
            ],
            "poll": ("ranking", "Please rank these from most to least important when you decide."),
        },
        "needs": {
            "titles": ["Needs and wishes", "What would make a difference", "The ideal experience"],
            "goal": "Find out what people need and what an ideal solution would look like.",
            "questions": [
                ("If you could change one thing about how this works for you today, what would it be?",
                 ["Why that one?"]),
                ("What would an ideal experience of {topic} look like for you?", ["What would be different from today?"]),
                ("What would make you trust a new option here?", ["Where would you expect to hear about it?"]),
                ("What do you do today to work around the things that bother you?", ["How well does that work?"]),
                ("Which part of {topic} would you happily hand over to someone else?",
                 ["What would you never hand over?"]),
                ("What would a new option have to do better than what you use today?",
                 ["What would make you switch?"]),
                ("Where do you look for ideas or advice about {topic}?", ["Whose advice do you trust?"]),
            ],
            "poll": ("ranking", "Please rank these from most to least important when you decide."),
        },
        "wrapup": {
            "titles": ["Wrap-up", "Final thoughts", "Closing round"],
            "goal": "Learn what matters most to each person and what would change their mind.",
            "questions": [
                ("Of everything we discussed today, what matters most to you?", ["Why does that stand out?"]),
                ("What would change your mind, in either direction?", []),
                ("If you could give the team behind this one piece of advice, what would it be?",
                 ["What should they avoid?"]),
                ("What would you tell a friend about this?", []),
                ("What surprised you most in today's discussion?", ["Did anything change your view?"]),
                ("If you had to sum up your view in one sentence, what would it be?", []),
                ("What question should we have asked but did not?", []),
            ],
        },
    },
    "de": {
        "warmup": {
            "titles": ["Einstieg und Vorstellungsrunde", "Kennenlernen", "Vorstellungsrunde"],
            "goal": "Alle ins Gespräch bringen und erfahren, welchen Bezug jede Person zum Thema „{topic}“ hat.",
            "openers": [
                ("Stellen Sie sich bitte kurz vor: Ihr Vorname und wie ein typischer Wochentag bei Ihnen aussieht.",
                 ["Was nimmt dabei die meiste Zeit in Anspruch?"]),
                ("Zum Einstieg: Bitte nennen Sie Ihren Vornamen und eine Sache, die Sie letztes Wochenende gemacht "
                 "haben.", ["Was hat das Wochenende gut oder schlecht gemacht?"]),
                ("Eine kurze Runde: Ihr Vorname und welche Rolle das Thema „{topic}“ gerade in Ihrem Leben spielt.",
                 ["Was hat sich daran zuletzt verändert?"]),
            ],
            "questions": [
                ("Woran denken Sie als Erstes, wenn Sie „{topic}“ hören?",
                 ["Wie kommen Sie darauf?", "Hat jemand eine ganz andere Assoziation?"]),
                ("Welche Rolle spielt das Thema „{topic}“ im Moment in Ihrem Alltag, wenn überhaupt?",
                 ["Können Sie ein Beispiel aus der letzten Woche nennen?"]),
                ("Wann hatten Sie zuletzt mit dem Thema „{topic}“ zu tun?", ["Was ist da passiert?"]),
                ("Zu welchem Aspekt von „{topic}“ haben Sie bereits eine Meinung?", ["Woher kommt diese Meinung?"]),
                ("Denken Sie an die Menschen, mit denen Sie zusammenleben oder die Sie oft sehen: Wie gehen sie mit "
                 "dem Thema „{topic}“ um?", ["Was ist bei Ihnen anders?"]),
                ("Wie sieht für Sie eine gute Woche aus, und wo hat das Thema „{topic}“ darin Platz?",
                 ["Was bringt eine Woche durcheinander?"]),
            ],
        },
        "experience": {
            "titles": ["Heutige Gewohnheiten und Erfahrungen", "Wie es heute läuft", "Der Alltag heute"],
            "goal": "Verstehen, was die Teilnehmenden heute tun, was gut funktioniert und was sie stört.",
            "questions": [
                ("Erzählen Sie bitte Schritt für Schritt, wie es beim letzten Mal abgelaufen ist.",
                 ["Was war dabei am schwierigsten?", "Wer war noch beteiligt?"]),
                ("Was funktioniert für Sie heute gut, und was steht Ihnen im Weg?",
                 ["Können Sie ein Beispiel geben?", "Wie helfen Sie sich dann?"]),
                ("Was haben Sie schon ausprobiert, um es sich leichter zu machen?",
                 ["Warum sind Sie dabei geblieben oder haben es wieder gelassen?"]),
                ("Erzählen Sie von einem Mal, bei dem es schiefgegangen ist.", ["Was hätte geholfen?"]),
                ("Wer oder was beeinflusst Ihre Entscheidungen dabei?", ["Wessen Meinung zählt am meisten, und warum?"]),
                ("Wie viel Zeit, Geld oder Aufwand kostet Sie das in einer normalen Woche?",
                 ["Was davon ist Ihnen am wichtigsten?"]),
                ("Was hätten Sie gern früher über das Thema „{topic}“ gewusst?", ["Wie haben Sie es herausgefunden?"]),
            ],
        },
        "exposure": {
            "titles": ["Erste Reaktionen auf „{title}“", "Vorstellung von „{title}“", "Ein erster Blick auf „{title}“"],
            "goal": "Spontane erste Reaktionen auf „{title}“ erfassen, bevor es um Einzelheiten geht.",
            "openers": [
                ("Bitte schauen Sie sich „{title}“ in Ruhe an. Was ist Ihre allererste Reaktion?",
                 ["Woran liegt das?", "Wer sieht das anders?"]),
                ("Hier ist „{title}“. Was geht Ihnen durch den Kopf, wenn Sie es sich ansehen?",
                 ["Wie kommen Sie darauf?", "Sieht das jemand anders?"]),
                ("Kommen wir zu „{title}“. Was fällt Ihnen als Erstes auf?",
                 ["Warum gerade das?", "Wem ist etwas anderes aufgefallen?"]),
            ],
            "questions": [
                ("Was bietet „{title}“ Ihrer Meinung nach, und für wen ist es gedacht?", ["Wie kommen Sie darauf?"]),
                ("Was ist daran unklar oder schwer zu glauben, wenn überhaupt?",
                 ["Was müssten Sie sehen, um es zu glauben?"]),
                ("Was fällt Ihnen auf, positiv wie negativ?", ["Warum ist Ihnen das wichtig?"]),
                ("Für wen ist „{title}“ Ihrer Meinung nach wirklich gedacht?", ["Sind Sie das? Warum oder warum nicht?"]),
                ("Welche Fragen müssten beantwortet sein, bevor Sie „{title}“ ausprobieren?", ["Wen würden Sie fragen?"]),
                ("Wie schneidet „{title}“ im Vergleich zu dem ab, was Sie heute tun?",
                 ["Worauf würden Sie dafür verzichten?"]),
            ],
            "poll": ("likert",
                     "Wie wahrscheinlich ist es, dass Sie „{title}“ ausprobieren würden, wenn es für Sie verfügbar wäre?"),
        },
        "exposures": {
            "titles": ["Die Ideen im Einzelnen", "Die Ideen im Vergleich", "Ein Blick auf die Ideen"],
            "goal": "Erste Reaktionen auf jede Idee erfassen und verstehen, welche für wen am besten passt und warum.",
            "each": [("Schauen wir uns „{title}“ an. Was ist Ihre erste Reaktion?",
                      ["Woran liegt das?", "Wer sieht das anders?"]),
                     ("Hier ist „{title}“. Was geht Ihnen durch den Kopf, wenn Sie es sich ansehen?",
                      ["Wie kommen Sie darauf?", "Sieht das jemand anders?"])],
            "questions": [
                ("Jetzt, wo Sie alle gesehen haben: Wie schneiden sie für Sie im Vergleich ab?",
                 ["Welche Unterschiede sind Ihnen am wichtigsten?"]),
                ("Welche passt am besten zu Ihrem Alltag, und welche am wenigsten?", ["Was gibt den Ausschlag?"]),
                ("Was ist an dem, was Sie gesehen haben, unklar oder schwer zu glauben, wenn überhaupt?",
                 ["Was müssten Sie sehen, um es zu glauben?"]),
                ("Was würden Sie von einer Idee übernehmen und einer anderen hinzufügen?", []),
                ("Welche Idee würden Sie jemandem aus Ihrem Umfeld empfehlen, und warum gerade diese?", []),
                ("Was machen all diese Ideen falsch, wenn überhaupt?", ["Was würde das beheben?"]),
            ],
            "poll": ("choice", "Welche davon würden Sie am ehesten wählen?"),
        },
        "value": {
            "titles": ["Nutzen, Preis und Alltagstauglichkeit", "Was es Ihnen wert wäre", "Passt es in den Alltag?"],
            "goal": ("Herausfinden, was es wert machen würde, dafür zu bezahlen oder zu wechseln, und was dagegen "
                     "spricht."),
            "questions": [
                ("Wie würde das in Ihre Woche passen, so wie sie heute aussieht?", ["Was müsste sich dafür ändern?"]),
                ("Was wäre es Ihnen wert, und womit vergleichen Sie es?", ["Ab wann wäre es Ihnen zu teuer?"]),
                ("Was würde Sie davon abhalten, es auszuprobieren?",
                 ["Was könnte diese Bedenken ausräumen?", "Wer teilt diese Bedenken?"]),
                ("Was fehlt, damit es für Sie ein klares Ja wäre?", []),
                ("Was würden Sie erwarten zu bezahlen, und was würde den Preis fair machen?",
                 ["Was würde sich wie Abzocke anfühlen?"]),
                ("Worauf müssten Sie verzichten, um dafür Platz zu schaffen?", []),
                ("Wer in Ihrem Haushalt würde mitentscheiden, und was würde diese Person sagen?",
                 ["Was würde sie überzeugen?"]),
            ],
            "poll": ("ranking", "Bitte ordnen Sie diese Punkte danach, wie wichtig sie Ihnen bei der Entscheidung sind."),
        },
        "needs": {
            "titles": ["Bedürfnisse und Wünsche", "Was einen Unterschied machen würde", "Die ideale Lösung"],
            "goal": "Herausfinden, was die Teilnehmenden brauchen und wie eine ideale Lösung aussähe.",
            "questions": [
                ("Wenn Sie eine Sache daran ändern könnten, wie es heute für Sie läuft: Welche wäre das?",
                 ["Warum gerade diese?"]),
                ("Wie sähe für Sie die ideale Lösung aus?", ["Was wäre anders als heute?"]),
                ("Was würde Ihnen helfen, einem neuen Angebot hier zu vertrauen?",
                 ["Wo würden Sie davon erfahren wollen?"]),
                ("Wie helfen Sie sich heute bei dem, was Sie stört?", ["Wie gut klappt das?"]),
                ("Welchen Teil davon würden Sie gern jemand anderem überlassen?",
                 ["Was würden Sie nie aus der Hand geben?"]),
                ("Was müsste ein neues Angebot besser machen als das, was Sie heute nutzen?",
                 ["Was würde Sie zum Wechsel bewegen?"]),
                ("Wo suchen Sie nach Ideen oder Rat zum Thema „{topic}“?", ["Wessen Rat vertrauen Sie?"]),
            ],
            "poll": ("ranking", "Bitte ordnen Sie diese Punkte danach, wie wichtig sie Ihnen bei der Entscheidung sind."),
        },
        "wrapup": {
            "titles": ["Abschlussrunde", "Letzte Gedanken", "Zusammenfassung und Ausblick"],
            "goal": "Erfahren, was jeder Person am wichtigsten ist und was ihre Meinung ändern würde.",
            "questions": [
                ("Was ist Ihnen von allem, was wir heute besprochen haben, am wichtigsten?", ["Warum gerade das?"]),
                ("Was würde Ihre Meinung ändern, in die eine oder andere Richtung?", []),
                ("Wenn Sie dem Team dahinter einen Rat geben könnten: Welcher wäre das?",
                 ["Was sollte es unbedingt vermeiden?"]),
                ("Was würden Sie einer Freundin oder einem Freund darüber erzählen?", []),
                ("Was hat Sie in der heutigen Diskussion am meisten überrascht?",
                 ["Hat sich dadurch Ihre Sicht verändert?"]),
                ("Wenn Sie Ihre Sicht in einem Satz zusammenfassen müssten: Wie würde er lauten?", []),
                ("Welche Frage hätten wir stellen sollen, haben es aber nicht getan?", []),
            ],
        },
    },
}
