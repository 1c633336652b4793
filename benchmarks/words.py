"""Word and name pools for :mod:`benchmarks.synth`: varied scripts and the characters that
Markdown, HTML and YAML treat specially, as real records contain them."""

WORDS = """
the council budget bridge library school hospital road tax report funding review plan
staff access tools election team moderation policy public promise week month year city
state board company platform users rules safety contract workers wages housing rent water
energy climate transport rail bus station park police court judge law vote members meeting
letter statement press release audit inquiry deadline agreement partners community groups
residents tenants families children teachers nurses doctors patients farmers drivers pilots
data privacy accounts content reports records minutes hearing committee ministry department
agency office programme project scheme grant loan debt spending cuts jobs hiring training
repair opening closing hours services support restore reopen publish protect reduce expand
will would should must not yet again still already soon later before after during within
without between across under over into from with for and or but so because although while
new old local national regional federal independent public private open full partial clear
first last next second third final annual quarterly weekly daily early late on time
""".split()

MARKED = [
    "&", "AT&T", "*not*", "#1", "|", "\u201cfair\u201d", "50%", "<b>", "{{ x }}", "[sic]",
    "e.g.", "\u2014", "na\u00efve", "caf\u00e9", "Stra\u00dfe", "S\u00e3o Paulo",
    "Z\u00fcrich", "\u0141\u00f3d\u017a", "\u6771\u4eac", "\u0391\u03b8\u03ae\u03bd\u03b1",
    "\u041c\u043e\u0441\u043a\u0432\u0430", "\u0627\u0644\u0642\u0627\u0647\u0631\u0629",
    "\U0001f600", "O'Neill", "\"quoted\"", "back\\slash",
]

FIRST_NAMES = [
    "Ada", "Jos\u00e9", "Zo\u00eb", "\u0141ucja", "S\u00f8ren", "Dmitri", "Ngozi",
    "Th\u1ea3o", "Ay\u015fe", "Fran\u00e7ois", "Bj\u00f6rn", "Ingrid", "Kwame", "Mei", "Priya",
    "\u00d3lafur", "Chlo\u00e9", "Mateus", "Y\u016bko", "Fatima", "Rhiannon", "Tom\u00e1s",
]

SURNAMES = [
    "M\u00fcller-\u0160imi\u0107", "Garc\u00eda M\u00e1rquez", "Nguy\u1ec5n", "Okonkwo",
    "\u00d8stergaard", "Kowalczyk", "\u00d6zt\u00fcrk", "Dubois", "Papadopoulos", "Ivanova",
    "O'Brien", "Haddad", "S\u00f8rensen", "W\u00f3jcik", "Fern\u00e1ndez", "Yamamoto",
    "Mbeki", "\u00d3 S\u00fairleabh\u00e1in", "van der Berg", "D\u2019Angelo",
]

OTHER_SCRIPT_PEOPLE = [
    "\u0418\u0432\u0430\u043d \u041f\u0435\u0442\u0440\u043e\u0432",
    "\u03a3\u03bf\u03c6\u03af\u03b1 \u03a0\u03b1\u03c0\u03b1\u03b4\u03bf\u03c0\u03bf\u03cd\u03bb"
    "\u03bf\u03c5",
    "\u674e\u5c0f\u9f8d", "\u0645\u062d\u0645\u062f \u0627\u0644\u0639\u0644\u064a",
    "\u7530\u4e2d \u82b1\u5b50", "\u0939\u0930\u093f \u0936\u0930\u094d\u092e\u093e",
]

ORGANISATIONS = [
    "Ministry of Transport", "Gemeinderat", "Conseil r\u00e9gional", "Free Press Coalition",
    "Residents' Union", "Society for Clean Air", "Teachers & Nurses Alliance",
    "\u041a\u043e\u043c\u0438\u0442\u0435\u0442 \u043f\u043e \u0442\u0440\u0430\u043d\u0441\u043f"
    "\u043e\u0440\u0442\u0443", "\u4ea4\u901a\u59d4\u54e1\u4f1a", "C\u00e1mara de Comercio",
    "\u00d8rsted Energy", "Naturv\u00e5rdsverket", "Port Authority", "Civil Rights Roundtable",
]

PLACES = [
    "of Z\u00fcrich", "d'\u00cele-de-France", "of S\u00e3o Paulo", "of \u0141\u00f3d\u017a",
    "of Springfield", "of Troms\u00f8", "\u0391\u03b8\u03b7\u03bd\u03ce\u03bd", "of Cork",
    "(North)", "(South)", "of Mal\u00e9", "of Aarhus",
]

PUBLISHERS = [
    "The Example Gazette", "Le Monde diplomatique", "S\u00fcddeutsche Zeitung", "El Pa\u00eds",
    "Gazeta Wyborcza", "Dagens Nyheter", "The Hill", "\u039a\u03b1\u03b8\u03b7\u03bc\u03b5"
    "\u03c1\u03b9\u03bd\u03ae", "\u041d\u043e\u0432\u0430\u044f \u0433\u0430\u0437\u0435\u0442"
    "\u0430", "\u671d\u65e5\u65b0\u805e", "Reuters", "City Council press office",
    "Free Press & Co.", "Radio Tr\u00e8s Local",
]

VERBS = ["Restore", "Build", "Reopen", "Cut", "Publish", "Hire", "Ban", "Fund", "Protect",
         "Reduce", "Double", "Keep", "End", "Review", "Expand", "Repair", "Hold", "Release"]

TOPICS = ["content-moderation", "elections", "transport", "housing", "health", "education",
          "climate", "energy", "water", "policing", "courts", "budget", "jobs", "privacy",
          "culture", "libraries", "roads", "rail", "tax", "wages", "safety", "media",
          "civil-rights", "accessibility"]

SOURCE_KINDS = ["news-article", "social-post", "press-release", "statement", "letter", "report"]

LATER_STATUSES = ["in-progress", "in-progress", "stalled", "partially-kept", "kept", "broken"]

AS_STATED = [
    "by the end of the week", "within 100 days", "before the summer recess", "by 1 January",
    "no sooner than spring", "\u00ab d'ici la fin de l'ann\u00e9e \u00bb", "this year",
    "in time for the election", "by Q3", "at least a few more weeks",
]
