"""Built-in word lists the simulator draws plausible persona content from.

Cultures pair given names with family names and the cities they are drawn with, so a generated person is
coherent (a Yoruba name in Lagos, a Japanese name in Osaka) while a panel spans several cultures.
"""

# culture: (female given names, male given names, family names, cities as "City, Country")
CULTURES = {
    "us": (
        ["Emily", "Jessica", "Ashley", "Megan", "Rachel", "Brittany", "Lauren", "Kayla", "Danielle", "Hannah"],
        ["Michael", "Tyler", "Jason", "Brandon", "Kevin", "Ryan", "Justin", "Derek", "Marcus", "Cody"],
        ["Johnson", "Miller", "Davis", "Anderson", "Thompson", "Walker", "Brooks", "Carter", "Reed", "Hayes"],
        ["Columbus, USA", "Austin, USA", "Denver, USA", "Atlanta, USA", "Portland, USA", "Chicago, USA",
         "Phoenix, USA", "Raleigh, USA"],
    ),
    "uk": (
        ["Charlotte", "Sophie", "Chloe", "Amelia", "Lucy", "Holly", "Eleanor", "Grace", "Imogen", "Niamh"],
        ["Oliver", "Harry", "George", "Callum", "Jamie", "Rhys", "Thomas", "Liam", "Owen", "Alfie"],
        ["Smith", "Taylor", "Evans", "Hughes", "Wright", "Clarke", "Patel", "Murphy", "Bennett", "Walsh"],
        ["Manchester, UK", "Leeds, UK", "Bristol, UK", "Glasgow, UK", "Cardiff, UK", "London, UK",
         "Birmingham, UK"],
    ),
    "hispanic": (
        ["María", "Lucía", "Valentina", "Camila", "Sofía", "Daniela", "Gabriela", "Carmen", "Isabel", "Paula"],
        ["José", "Alejandro", "Diego", "Javier", "Carlos", "Mateo", "Andrés", "Luis", "Pablo", "Sergio"],
        ["García", "Rodríguez", "Martínez", "Hernández", "López", "Sánchez", "Ramírez", "Torres", "Flores",
         "Morales"],
        ["Madrid, Spain", "Valencia, Spain", "Seville, Spain", "Guadalajara, Mexico", "Monterrey, Mexico",
         "Bogotá, Colombia", "Santiago, Chile", "Buenos Aires, Argentina"],
    ),
    "brazilian": (
        ["Ana", "Beatriz", "Juliana", "Larissa", "Fernanda", "Mariana", "Camila", "Letícia"],
        ["João", "Pedro", "Lucas", "Gabriel", "Rafael", "Thiago", "Felipe", "Bruno"],
        ["Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Ferreira"],
        ["São Paulo, Brazil", "Rio de Janeiro, Brazil", "Belo Horizonte, Brazil", "Curitiba, Brazil",
         "Recife, Brazil"],
    ),
    "nigerian": (
        ["Adaeze", "Chiamaka", "Funmilayo", "Ngozi", "Temitope", "Yetunde", "Amara", "Folake"],
        ["Chinedu", "Oluwaseun", "Emeka", "Tunde", "Babajide", "Ikenna", "Femi", "Obinna"],
        ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Adebayo", "Nwosu", "Ogunleye"],
        ["Lagos, Nigeria", "Abuja, Nigeria", "Ibadan, Nigeria", "Enugu, Nigeria", "Port Harcourt, Nigeria"],
    ),
    "kenyan": (
        ["Wanjiru", "Akinyi", "Njeri", "Atieno", "Wambui", "Chebet"],
        ["Kamau", "Otieno", "Kiprono", "Mwangi", "Odhiambo", "Kipchoge"],
        ["Kariuki", "Ochieng", "Mutua", "Wekesa", "Njoroge", "Kiplagat"],
        ["Nairobi, Kenya", "Mombasa, Kenya", "Kisumu, Kenya"],
    ),
    "indian": (
        ["Priya", "Ananya", "Kavya", "Neha", "Divya", "Shreya", "Aditi", "Meera", "Pooja", "Lakshmi"],
        ["Arjun", "Rahul", "Vikram", "Rohan", "Karthik", "Aditya", "Sanjay", "Nikhil", "Amit", "Ravi"],
        ["Sharma", "Iyer", "Reddy", "Gupta", "Nair", "Mehta", "Chatterjee", "Kapoor", "Menon", "Rao"],
        ["Bengaluru, India", "Mumbai, India", "Pune, India", "Hyderabad, India", "Chennai, India",
         "Delhi, India", "Kolkata, India"],
    ),
    "chinese": (
        ["Mei", "Li Na", "Xiaoling", "Yan", "Jing", "Hui", "Wen", "Xinyi"],
        ["Wei", "Jun", "Hao", "Lei", "Ming", "Zhiwei", "Yang", "Jian"],
        ["Wang", "Li", "Zhang", "Liu", "Chen", "Huang", "Zhao", "Wu"],
        ["Shanghai, China", "Shenzhen, China", "Chengdu, China", "Hangzhou, China", "Singapore, Singapore",
         "Taipei, Taiwan"],
    ),
    "japanese": (
        ["Yuki", "Aiko", "Haruka", "Sakura", "Emi", "Naomi", "Rin", "Mai"],
        ["Haruto", "Kenji", "Takumi", "Daiki", "Sho", "Ren", "Yuto", "Hiroshi"],
        ["Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Ito", "Yamamoto", "Nakamura"],
        ["Osaka, Japan", "Tokyo, Japan", "Fukuoka, Japan", "Sapporo, Japan", "Nagoya, Japan"],
    ),
    "korean": (
        ["Ji-woo", "Seo-yeon", "Min-ji", "Ha-eun", "Soo-ah"],
        ["Min-jun", "Seo-jun", "Ji-hoon", "Do-yun", "Hyun-woo"],
        ["Kim", "Lee", "Park", "Choi", "Jung", "Kang"],
        ["Seoul, South Korea", "Busan, South Korea", "Incheon, South Korea"],
    ),
    "german": (
        ["Anna", "Lena", "Katharina", "Julia", "Sabine", "Miriam", "Johanna", "Lea"],
        ["Lukas", "Jonas", "Felix", "Tobias", "Stefan", "Matthias", "Florian", "Jan"],
        ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner"],
        ["Berlin, Germany", "Hamburg, Germany", "Munich, Germany", "Cologne, Germany", "Leipzig, Germany",
         "Vienna, Austria", "Zurich, Switzerland"],
    ),
    "french": (
        ["Camille", "Manon", "Chloé", "Léa", "Inès", "Élodie", "Margaux", "Juliette"],
        ["Louis", "Hugo", "Théo", "Antoine", "Mathieu", "Julien", "Nicolas", "Maxime"],
        ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefebvre", "Girard", "Roux"],
        ["Lyon, France", "Paris, France", "Bordeaux, France", "Lille, France", "Nantes, France",
         "Montréal, Canada", "Brussels, Belgium"],
    ),
    "arabic": (
        ["Layla", "Fatima", "Nour", "Yasmin", "Mariam", "Salma", "Hana", "Rania"],
        ["Omar", "Youssef", "Karim", "Tariq", "Ahmed", "Khalid", "Samir", "Hassan"],
        ["Haddad", "Mansour", "Khalil", "Nasser", "Saleh", "Farouk", "Aziz", "Hamdan"],
        ["Cairo, Egypt", "Dubai, UAE", "Amman, Jordan", "Casablanca, Morocco", "Riyadh, Saudi Arabia",
         "Beirut, Lebanon"],
    ),
    "polish": (
        ["Agnieszka", "Katarzyna", "Magdalena", "Zofia", "Natalia"],
        ["Piotr", "Tomasz", "Krzysztof", "Michał", "Paweł"],
        ["Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński"],
        ["Warsaw, Poland", "Kraków, Poland", "Wrocław, Poland", "Gdańsk, Poland"],
    ),
    "vietnamese": (
        ["Linh", "Thu", "Hoa", "Mai Anh", "Ngoc"],
        ["Minh", "Duc", "Quang", "Tuan", "Bao"],
        ["Nguyen", "Tran", "Le", "Pham", "Hoang"],
        ["Ho Chi Minh City, Vietnam", "Hanoi, Vietnam", "Da Nang, Vietnam"],
    ),
    "turkish": (
        ["Elif", "Zeynep", "Ayşe", "Defne", "Selin"],
        ["Emre", "Mehmet", "Burak", "Can", "Mert"],
        ["Yılmaz", "Demir", "Kaya", "Çelik", "Şahin"],
        ["Istanbul, Turkey", "Ankara, Turkey", "Izmir, Turkey"],
    ),
    "scandinavian": (
        ["Ingrid", "Astrid", "Freja", "Maja", "Sigrid"],
        ["Erik", "Lars", "Magnus", "Anders", "Henrik"],
        ["Andersson", "Johansson", "Hansen", "Nilsen", "Lindqvist"],
        ["Stockholm, Sweden", "Oslo, Norway", "Copenhagen, Denmark", "Gothenburg, Sweden"],
    ),
    "australian": (
        ["Chloe", "Mia", "Jess", "Tahlia", "Zoe"],
        ["Jack", "Liam", "Mitchell", "Bailey", "Nathan"],
        ["Wilson", "Nguyen", "Campbell", "O'Brien", "Kelly"],
        ["Melbourne, Australia", "Brisbane, Australia", "Perth, Australia", "Auckland, New Zealand"],
    ),
}

NON_BINARY_NAMES = ["Alex", "Sam", "Robin", "Jordan", "Kai", "Noor", "Sasha", "Ari", "River", "Quinn"]

# Words in a brief that point at a place: the cultures whose cities fit it.
PLACE_HINTS = {
    "united states": ["us"], "usa": ["us"], "america": ["us"], "u.s.": ["us"],
    "united kingdom": ["uk"], "uk": ["uk"], "britain": ["uk"], "british": ["uk"], "england": ["uk"],
    "spain": ["hispanic"], "spanish": ["hispanic"], "mexico": ["hispanic"], "latin america": ["hispanic", "brazilian"],
    "brazil": ["brazilian"], "nigeria": ["nigerian"], "kenya": ["kenyan"], "africa": ["nigerian", "kenyan"],
    "india": ["indian"], "indian": ["indian"], "china": ["chinese"], "chinese": ["chinese"],
    "japan": ["japanese"], "japanese": ["japanese"], "korea": ["korean"], "germany": ["german"],
    "german": ["german"], "dach": ["german"], "austria": ["german"], "france": ["french"], "french": ["french"],
    "middle east": ["arabic"], "egypt": ["arabic"], "uae": ["arabic"], "poland": ["polish"],
    "vietnam": ["vietnamese"], "turkey": ["turkish"], "scandinavia": ["scandinavian"], "nordic": ["scandinavian"],
    "sweden": ["scandinavian"], "australia": ["australian"], "asia": ["chinese", "japanese", "korean", "indian"],
    "europe": ["german", "french", "hispanic", "polish", "uk", "scandinavian"],
}

# (occupation, income tier 0 = low … 2 = high)
OCCUPATIONS = [
    ("Retail sales associate", 0), ("Barista", 0), ("Warehouse operative", 0), ("Care assistant", 0),
    ("Delivery driver", 0), ("Hairdresser", 0), ("Call-centre agent", 0), ("Kitchen porter", 0),
    ("Teaching assistant", 0), ("Cleaner", 0), ("Bus driver", 0),
    ("Registered nurse", 1), ("Primary school teacher", 1), ("Electrician", 1), ("Office manager", 1),
    ("Graphic designer", 1), ("Social worker", 1), ("Accountant", 1), ("Pharmacist", 1), ("Marketing coordinator", 1),
    ("Logistics planner", 1), ("Physiotherapist", 1), ("Police officer", 1), ("Small-business owner", 1),
    ("Journalist", 1), ("Lab technician", 1), ("HR generalist", 1), ("Chef", 1),
    ("Software engineer", 2), ("Product manager", 2), ("Corporate lawyer", 2), ("Hospital doctor", 2),
    ("Management consultant", 2), ("Architect", 2), ("Investment analyst", 2), ("Dentist", 2),
    ("Engineering director", 2), ("Data scientist", 2), ("Airline pilot", 2),
]
STUDENT_OCCUPATIONS = ["University student", "Apprentice electrician", "Part-time student and waiter",
                       "Graduate trainee"]
RETIRED_OCCUPATIONS = ["Retired teacher", "Retired engineer", "Retired nurse", "Retired shop owner",
                       "Retired civil servant"]

INCOME_BANDS = ["low", "lower-middle", "middle", "upper-middle", "high"]
AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
GENDERS = ["female", "male", "non-binary"]
ATTITUDES = ["enthusiast", "pragmatist", "skeptic", "early adopter", "price-conscious", "loyalist",
             "cautious", "indifferent"]

VALUES = ["family", "financial security", "independence", "honesty", "sustainability", "community",
          "convenience", "health", "creativity", "tradition", "fairness", "personal growth", "loyalty",
          "status", "simplicity", "adventure", "faith", "hard work", "privacy", "value for money"]
MOTIVATIONS = ["saving time on busy weekdays", "providing a good life for the kids", "staying healthy as they age",
               "getting ahead at work", "feeling in control of money", "reducing their environmental footprint",
               "being seen as someone who knows good products", "spending more time with friends",
               "learning new skills", "paying off debt", "building something of their own",
               "travelling more", "keeping life simple", "supporting local businesses"]
FRUSTRATIONS = ["hidden fees and surprise charges", "apps that need yet another account",
                "customer service that never picks up", "products that break just after the warranty",
                "too many choices with no clear difference", "being upsold at every step",
                "prices creeping up on everyday essentials", "marketing that talks down to them",
                "slow delivery and vague tracking", "subscriptions that are hard to cancel",
                "jargon-heavy instructions", "privacy policies nobody can read", "long queues",
                "poor reception and slow Wi-Fi at home"]
INTERESTS = ["cooking", "running", "gardening", "football", "photography", "board games", "hiking", "podcasts",
             "home improvement", "yoga", "gaming", "travel", "reading crime novels", "live music", "cycling",
             "volunteering", "fashion", "personal finance", "crafts", "birdwatching", "basketball", "baking"]
SHOPPING = ["compares prices on two or three sites before buying", "buys groceries online once a week",
            "trusts reviews more than ads", "prefers local shops for fresh food", "waits for sales on big purchases",
            "sticks to a few trusted brands", "buys second-hand when possible", "shops mostly on their phone",
            "uses loyalty cards and cashback apps", "impulse-buys small treats", "reads labels carefully",
            "orders in bulk to save money"]
MEDIA = ["Instagram", "TikTok", "YouTube", "WhatsApp groups", "local radio", "evening TV news", "Netflix",
         "podcasts on the commute", "Reddit", "LinkedIn", "a daily newspaper app", "Facebook community groups",
         "Spotify", "newsletters", "X (Twitter)", "Pinterest"]
TECHNOLOGY = ["Android phone", "iPhone", "laptop for work", "smart TV", "smartwatch", "tablet shared with family",
              "voice assistant at home", "mobile banking app", "password manager", "budgeting app",
              "e-reader", "games console", "online grocery app", "video calls with relatives"]
THEMES = ["Price sensitivity", "Trust and transparency", "Convenience over loyalty", "Sustainability concerns",
          "Fear of hidden costs", "Desire for personalisation", "Social proof matters", "Time pressure",
          "Scepticism about new technology", "Brand heritage", "Ease of onboarding", "Privacy worries"]

ANECDOTES = ["last month I tried something similar and gave up after a week",
             "my sister swears by this kind of thing, so I've heard a lot about it",
             "at work we talk about this more than you'd think",
             "I switched providers last year for exactly this reason",
             "I usually ask a couple of friends before I decide anything like this",
             "my kids are the ones who usually push me to try new things",
             "I read the reviews for ages before I make up my mind",
             "I've been burned before by promises that sounded great on paper"]
OPENERS = {
    "enthusiast": ["Oh, I love this.", "Honestly, I'm excited about it.", "This is right up my street."],
    "early adopter": ["I'd probably be one of the first to try it.", "I'm usually the first to sign up."],
    "skeptic": ["I'll be honest, I'm not convinced.", "Hmm, I have my doubts.", "I've heard promises like this."],
    "price-conscious": ["The first thing I look at is the price.", "It depends what it costs, really."],
    "cautious": ["I'd want to know more first.", "I take my time with things like this."],
    "loyalist": ["I tend to stick with what I know.", "I'm pretty loyal to the brands I use."],
    "indifferent": ["I don't really have strong feelings either way.", "It's not something I think about much."],
    "pragmatist": ["If it works, it works.", "For me it's about whether it fits my routine.", "Fair question."],
}
IMAGE_SUBJECTS = ["a product shot of a sleek bottle on a pale background", "a smartphone screen showing an app's home page",
                  "a lifestyle photo of two people laughing in a kitchen", "a print advertisement with a bold headline",
                  "a packaging mock-up in muted green and cream", "a storefront with a large window display",
                  "a landing page with a hero image and a single call-to-action button"]
IMAGE_COLOURS = ["forest green", "cream", "charcoal grey", "warm orange", "navy blue", "soft pink", "white",
                 "mustard yellow", "teal"]
IMAGE_MOODS = ["calm and premium", "bright and playful", "clean and minimal", "warm and family-oriented",
               "energetic and youthful"]

STOPWORDS = set("""a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each either every few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just let like made make me
might more most much must my myself no nor not now of off on once one only or other our ours ourselves out over own
please really same shall she should so some such than that the their theirs them themselves then there these they
this those through to too under until up us very was we were what when where which while who whom why will with
would you your yours yourself yourselves json schema return respond answer generate create produce write output
following given each field fields object array string value values based include including using use data name
persona personas profile profiles user users describe description short long exactly only text keep should
think tell question questions people person summarise summarize summary discussion discuss draft guide far
moderator focus group panel participants participant brief instruction instructions answer reply""".split())
