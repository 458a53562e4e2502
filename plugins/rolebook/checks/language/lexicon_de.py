"""German word lists for the language rules (RB105, RB112), lower case.

Written from German grammar and the English lists in `lexicon`, not from the
German corpus. Two kinds of entry:

- verbs, by their infinitive, expanded here to every form an outcome uses
  (`_forms`): present ("steigert"), past ("steigerte"), participle with and
  without "ge-" ("gesteigert", "optimiert"), the participle as an adjective
  ("gesteigerte"), the "zu" infinitive and separable prefixes
  ("ein|führen": einführen, eingeführt, einzuführen). A strong verb names its
  participle and irregular forms after a colon ("gewinnen:gewonnen,gewann");
- nouns and adjectives, as written; `german` reduces them and every word of a
  text to its Snowball stem (inflection, umlaut plurals: "Umsätze" -> umsatz)
  and reads a compound by its head ("Nutzerzahlen" -> zahl, "Migrationsplan" -> plan).
"""

from __future__ import annotations

_INSEPARABLE = ("be", "ver", "er", "ent", "zer", "emp", "miss", "ge", "über", "unter", "hinter", "wider", "voll")


def _forms(*entries: str) -> frozenset[str]:
    """Every form of each verb entry ("prefix|infinitive:participle,irregular,...")."""
    out: set[str] = set()
    for entry in entries:
        head, _, strong = entry.partition(":")
        prefix, _, base = head.rpartition("|")
        stem = base[:-1] if base.endswith(("ern", "eln")) else base[:-2] if base.endswith("en") else base[:-1]
        finite = {base, stem + "e", stem + "st", stem + "t", stem + "et", stem + "est", stem + "te", stem + "ten",
                  stem + "tet", stem + "ete", stem + "eten", stem + "end", base + "d", base + "de", base + "den"}
        if strong:
            participles = {f.strip() for f in strong.split(",")[:1]}
            finite |= {f.strip() for f in strong.split(",")[1:]}
        else:
            plain = base.startswith(_INSEPARABLE) or base.endswith("ieren")
            participles = {(stem if plain else "ge" + stem) + ending for ending in ("t", "et")}
        adjectival = {p + e for p in participles for e in ("e", "en", "er", "es", "em")}
        if prefix:
            out |= {prefix + f for f in finite} | {prefix + "zu" + base}
            out |= {prefix + p for p in participles | adjectival}
            # "Wir führen das Portal ein": the finite form alone, read with its particle (see `german`)
        else:
            out |= finite | participles | adjectival | {"zu" + base}
    return frozenset(out)


def _particles(*entries: str) -> dict[str, frozenset[str]]:
    """For separable verbs: {particle: finite forms without it} ("ein": führen, führt, ...)."""
    out: dict[str, set[str]] = {}
    for entry in entries:
        head, _, strong = entry.partition(":")
        prefix, _, base = head.rpartition("|")
        if not prefix:
            continue
        stem = base[:-1] if base.endswith(("ern", "eln")) else base[:-2] if base.endswith("en") else base[:-1]
        forms = {base, stem + "e", stem + "st", stem + "t", stem + "et", stem + "te", stem + "ten"}
        forms |= {f.strip() for f in strong.split(",")[1:]}
        out.setdefault(prefix, set()).update(forms)
    return {p: frozenset(f) for p, f in out.items()}


# -- verbs ---------------------------------------------------------------------

_MOVE = (
    "steigern", "erhöhen", "senken", "reduzieren", "verringern", "verdoppeln", "verdreifachen", "vervielfachen",
    "halbieren", "verbessern", "maximieren", "minimieren", "optimieren", "wachsen:gewachsen,wächst,wuchs,wuchsen",
    "steigen:gestiegen,stieg,stiegen", "sinken:gesunken,sank,sanken", "zu|nehmen:genommen,nimmt,nahm,nahmen",
    "an|steigen:gestiegen,stieg,stiegen", "aus|bauen", "vergrößern", "erweitern", "an|heben:gehoben,hob,hoben",
    "erreichen", "erzielen", "übertreffen:übertroffen,übertrifft,übertraf", "überschreiten:überschritten,überschritt",
    "generieren", "gewinnen:gewonnen,gewann,gewannen", "halten:gehalten,hält,hielt,hielten", "stärken",
    "beschleunigen", "skalieren", "boosten", "voran|treiben:getrieben,treibt,trieb", "an|kurbeln", "aus|weiten",
    "vermehren", "mehren", "verbreitern", "heben:gehoben,hob", "verstärken", "sichern", "stabilisieren",
)
MOVE_VERBS = _forms(*_MOVE)
# Acquiring people or deals: "Neukunden gewinnen", "Mitglieder werben".
_ACQUIRE = (
    "gewinnen:gewonnen,gewann,gewannen", "akquirieren", "an|werben:geworben,wirbt,warb", "werben:geworben,wirbt,warb",
    "erreichen", "binden:gebunden,band", "halten:gehalten,hält,hielt", "überzeugen", "begeistern", "aktivieren",
    "mobilisieren", "hinzu|gewinnen:gewonnen,gewann", "dazu|gewinnen:gewonnen,gewann", "steigern", "erhöhen",
    "verdoppeln", "verdreifachen", "an|ziehen:gezogen,zieht,zog", "an|locken", "generieren", "sichern",
    "an|sprechen:gesprochen,spricht,sprach", "onboarden", "konvertieren", "zurück|gewinnen:gewonnen,gewann",
)
ACQUIRE_VERBS = _forms(*_ACQUIRE)
# Measuring the metric, not moving it: "Kundenzufriedenheit messen".
_MEASURE = (
    "messen:gemessen,misst,maß", "erfassen", "erheben:erhoben,erhob", "aus|werten", "analysieren", "tracken",
    "überwachen", "monitoren", "ermitteln", "berechnen", "prognostizieren", "definieren", "dokumentieren",
    "berichten", "visualisieren", "dar|stellen", "beobachten", "untersuchen", "evaluieren", "ab|fragen",
    "befragen", "erforschen", "verstehen:verstanden,versteht,verstand", "auf|schlüsseln", "quantifizieren",
    "schätzen", "ab|schätzen", "verfolgen", "zählen", "protokollieren", "reporten", "auf|bereiten",
)
MEASURE_VERBS = _forms(*_MEASURE)
# What people do when they adopt or use something.
_BEHAVIOUR = (
    "nutzen", "benutzen", "verwenden", "ein|setzen", "an|wenden:angewendet,angewandt", "teil|nehmen:genommen,nimmt,nahm",
    "besuchen", "an|melden", "registrieren", "herunter|laden:geladen,lädt,lud", "installieren", "kaufen", "buchen",
    "abonnieren", "spenden", "empfehlen:empfohlen,empfiehlt,empfahl", "bei|tragen:getragen,trägt,trug", "mit|machen",
    "mit|wirken", "folgen", "lesen:gelesen,liest,las", "teilen", "klicken", "bezahlen", "wechseln", "um|steigen:gestiegen,stieg",
    "an|nehmen:angenommen,nimmt,nahm", "übernehmen:übernommen,übernimmt,übernahm", "adaptieren", "adoptieren",
    "zurück|kehren", "wieder|kommen:gekommen,kommt,kam", "verlängern",
)
BEHAVIOUR_VERBS = _forms(*_BEHAVIOUR)
SENTIMENT = frozenset("""
zufrieden zufriedene zufriedener zufriedenen sehr-zufrieden begeistert begeisterte positiv positive
sagen sagt sagte gesagt an|geben angeben gibt geben bestätigen bestätigt bestätigte empfehlen empfiehlt empfohlen
empfehlenswert würden bewerten bewertet bewertete fühlen fühlt fühlte gefällt gefallen
""".replace("an|geben", "").split())
# Events and state changes one can check on the due date.
_DELIVERY = (
    "veröffentlichen", "ein|führen", "frei|geben:gegeben,gibt,gab", "ab|schließen:geschlossen,schließt,schloss",
    "beschließen:beschlossen,beschließt,beschloss", "verabschieden", "um|setzen", "implementieren", "migrieren",
    "aus|rollen", "bereit|stellen", "liefern", "aus|liefern", "ein|stellen", "besetzen", "starten", "launchen",
    "durch|führen", "testen", "prüfen", "ab|nehmen:genommen,nimmt,nahm", "genehmigen", "unterzeichnen", "unterschreiben:unterschrieben",
    "vereinbaren", "fest|legen", "definieren", "entscheiden:entschieden,entscheidet,entschied", "vor|legen",
    "ein|reichen", "übergeben:übergeben,übergibt,übergab", "installieren", "konfigurieren", "automatisieren",
    "ab|lösen", "ab|schalten", "archivieren", "schulen", "veranstalten", "überarbeiten", "erneuern", "ersetzen",
    "integrieren", "an|binden:gebunden,bindet,band", "aus|wählen", "beauftragen", "vergeben:vergeben,vergibt,vergab",
    "aus|schreiben:geschrieben,schreibt,schrieb", "zertifizieren", "auditieren", "schließen:geschlossen,schließt,schloss",
    "beheben:behoben,behebt,behob", "lösen", "übersetzen", "versenden:versandt,versendet", "verschicken", "präsentieren",
    "vor|stellen", "erscheinen:erschienen,erscheint,erschien", "dokumentieren", "aus|liefern", "deployen", "releasen",
    "mergen", "entfernen", "ab|kündigen", "schreiben:geschrieben,schreibt,schrieb", "verfassen", "ein|richten",
    "ab|stimmen", "messen:gemessen,misst", "erheben:erhoben", "aus|werten", "evaluieren", "ausschreiben",
    "ab|halten:gehalten,hält,hielt", "organisieren", "erstellen", "entwickeln", "auf|bauen", "programmieren",
    "gründen", "ein|berufen:berufen", "berufen:berufen", "aus|zahlen", "beantragen", "bewilligen", "ab|rechnen",
    "ein|weihen", "eröffnen", "in|stallieren", "auf|setzen", "an|legen", "ab|bilden", "auf|nehmen:genommen,nimmt,nahm",
    "zu|stellen", "verteilen", "aktualisieren", "planen", "vorbereiten", "vor|bereiten", "gestalten", "entwerfen:entworfen",
    "unterstützen", "schaffen:geschaffen,schafft,schuf", "erarbeiten", "ausarbeiten", "aus|arbeiten", "bauen",
    "ab|schaffen", "ein|stellen", "übertragen:übertragen,überträgt", "auf|zeichnen", "ab|geben:gegeben,gibt,gab",
    "fertig|stellen", "bereinigen", "pflegen", "wählen", "auf|lösen", "zusammen|führen", "on|boarden", "ein|arbeiten",
    "ein|binden:gebunden,bindet,band", "hoch|laden:geladen,lädt,lud", "ab|bauen", "ab|sichern", "verschlüsseln",
    "patchen", "warten", "sperren", "ab|wickeln", "verlegen", "um|ziehen:gezogen,zieht,zog", "um|stellen",
)
DELIVERY_VERBS = _forms(*_DELIVERY)
# Verbs that only say "more of something" and need a checkable object to count (like English "build").
WEAK_VERBS = _forms(
    "erstellen", "entwickeln", "auf|bauen", "bereit|stellen", "unterstützen", "schaffen:geschaffen,schafft,schuf",
    "gestalten", "organisieren", "vorbereiten", "vor|bereiten", "aktualisieren", "planen", "pflegen", "erarbeiten",
    "ausarbeiten", "aus|arbeiten", "bauen", "ein|richten", "durch|führen", "starten", "liefern", "um|setzen",
    "ab|halten:gehalten,hält,hielt", "warten", "prüfen", "lösen", "erneuern", "überarbeiten", "ab|stimmen",
    "ab|sichern", "halten:gehalten,hält,hielt",
)
# Directions, not results: "Zusammenarbeit stärken", "Die Qualität wird verbessert", "Sicherstellen, dass ...".
_DIRECTION = (
    "stärken", "fördern", "verbessern", "voran|treiben:getrieben,treibt,trieb", "weiter|entwickeln", "sicher|stellen",
    "optimieren", "unterstützen", "aus|bauen", "intensivieren", "vertiefen", "verankern", "voran|bringen:gebracht,bringt,brachte",
    "gewährleisten", "begleiten", "befähigen", "ermöglichen", "erleichtern", "vereinfachen", "verstärken", "erweitern",
    "sensibilisieren", "vernetzen", "harmonisieren", "professionalisieren", "modernisieren", "bei|tragen:getragen,trägt,trug",
    "fokussieren", "konsolidieren", "etablieren", "steigern", "erhöhen", "fort|führen", "fort|setzen", "aus|weiten",
    "beschleunigen", "stabilisieren", "festigen", "helfen:geholfen,hilft,half", "motivieren", "inspirieren", "befördern",
    "weiter|führen", "weiter|verfolgen", "verfolgen", "aus|richten", "an|streben", "hin|arbeiten", "hin|wirken",
    "engagieren", "kümmern", "bemühen", "voran|gehen:gegangen", "mit|gestalten", "gestalten", "prägen", "positionieren",
    "profilieren", "vereinheitlichen", "verstetigen", "attraktiver", "wahren", "erhalten:erhalten,erhält,erhielt",
    "vermitteln", "beleben", "aktivieren", "verbreiten", "sichtbar",
)
DIRECTION_VERBS = _forms(*_DIRECTION)
# Openings of work with no result named: "Möglichkeiten prüfen", "Optionen untersuchen".
OPEN_ACTIVITIES = _forms("erkunden", "untersuchen", "erforschen", "sondieren", "diskutieren", "beraten:beraten,berät,beriet",
                         "überlegen", "nach|denken:gedacht,denkt,dachte", "recherchieren", "prüfen", "beobachten",
                         "betrachten", "analysieren", "bewerten", "reflektieren", "erörtern", "eruieren", "klären")
PARTICLES = _particles(*_MOVE, *_ACQUIRE, *_MEASURE, *_BEHAVIOUR, *_DELIVERY, *_DIRECTION)

# -- nouns -----------------------------------------------------------------------

# Money and other people's behaviour measured in aggregate (compound heads): a metric once moved or targeted.
MONEY = """
umsatz umsätze erlös erlöse einnahme einnahmen spende spenden spendenaufkommen fördermittel drittmittel
marge margen rendite ertrag erträge absatz verkaufszahl gewinn profit arr mrr deckungsbeitrag ebitda
einsparung einsparungen ersparnis auftragseingang auftragsvolumen revenue pipeline mitgliedsbeiträge
finanzierung mittelaufkommen budgetvolumen
""".split()
BEHAVIOUR = """
nutzung akzeptanz reichweite zufriedenheit zugriff zugriffe aufruf aufrufe seitenaufrufe besuch besuche klick klicks
download downloads anmeldung anmeldungen registrierung registrierungen abonnement abonnements follower teilnahme
beteiligung bekanntheit bekanntheitsgrad engagement conversion conversions konversion bindung kundenbindung
abwanderung churn fluktuation nps csat verbreitung marktanteil interaktion interaktionen traffic impressions views
nachfrage resonanz rücklauf adoption retention weiterempfehlung wiederkehr verweildauer öffnungsrate klickrate
absprungrate konversionsrate aktivierung neuanmeldungen installationen buchungen auslastung sichtbarkeit
""".split()
# Heads that count or rate whatever the compound's first part names: "Nutzerzahlen", "Öffnungsquote".
COUNT_HEADS = "zahl zahlen anzahl rate quote anteil wachstum zuwachs steigerung".split()
# Movement nouns: "Steigerung des Umsatzes", "Umsatzwachstum".
MOVE_NOUNS = """
steigerung erhöhung senkung reduktion reduzierung verringerung verdopplung verdoppelung wachstum zuwachs
zunahme anstieg ausbau verbesserung vergrößerung maximierung plus erweiterung
""".split()
# Acquiring people: "Kundengewinnung", "Mitgliederwerbung", "Leadgenerierung".
ACQUIRE_NOUNS = "gewinnung akquise akquisition werbung generierung bindung neugewinnung".split()
# People and deals counted: impact only when acquired, targeted or doing something.
ACTORS = """
kunde kunden neukunde neukunden bestandskunde kundin kundinnen nutzer nutzerin nutzerinnen nutzende benutzer
benutzerin anwender anwenderin anwenderinnen besucher besucherin besucherinnen mitglied mitglieder fördermitglied
teilnehmer teilnehmerin teilnehmerinnen teilnehmende abonnent abonnentin abonnenten leser leserin leserinnen
zuschauer zuschauerin zuhörer interessent interessenten lead leads spender spenderin spenderinnen förderer
förderin unterstützer unterstützerin sponsor sponsoren partner partnerin partnerinnen kooperationspartner käufer
käuferin bürger bürgerin bürgerinnen ehrenamtliche freiwillige entwickler entwicklerin entwicklerinnen
contributor contributors mitwirkende unternehmen organisation organisationen einrichtung einrichtungen
institution institutionen kommune kommunen verein vereine deal deals mandant mandanten gäste gast
abonnentinnen downloader community-mitglieder menschen personen fahrgast fahrgäste
""".split()
# A metric word followed by one of these (or as the first part of a compound with this head) names a thing built.
ARTEFACTS = """
dokument dokumente dokumentation handbuch leitfaden konzept plan roadmap bericht report dashboard werkzeug tool
richtlinie vorlage spezifikation modell budget liste umfrage befragung schulung kurs video beitrag blog blogartikel artikel
fallstudie webinar release version repository datenbank checkliste runbook vertrag system schnittstelle api prozess
programm workshop präsentation portal website webseite seite plattform app anwendung server infrastruktur prototyp
mvp strategie rahmenwerk framework katalog glossar wiki newsletter protokoll beschluss entscheidung satzung
geschäftsordnung verordnung gesetz gesetzentwurf antrag ausschreibung studie gutachten analyse auswertung
evaluation evaluierung papier whitepaper broschüre flyer formular modul komponente bibliothek paket skript pipeline test
testsuite monitoring backup zertifikat zertifizierung ticket stelle veranstaltung konferenz treffen sitzung termin kampagne
lizenz standard norm kriterien leitlinie leitlinien statistik statistiken bericht berichte tracking messung erhebung
kennzahl kennzahlen kpi kpis metrik metriken ziel ziele zielwert zielwerte baseline funnel prognose experiment
reporting benchmark umfragen service dienst feature funktion funktionen integration migration pilot pilotprojekt
kurse lernpfad unterlagen material materialien vortrag vorträge handreichung anleitung tutorial faq seite seiten
hackathon meetup sprint workflow vorgehen verfahren vorgehensmodell entwurf mockup design designs wireframe
förderantrag haushalt haushaltsplan jahresplan quartalsplan jahresbericht bilanz abschluss rechnung angebot
stellenanzeige stellenausschreibung onboarding einarbeitung mentoring programm tagung messe stand ausstellung
server cluster datensatz datensätze schema karte übersicht verzeichnis register inventar audit review
kanal kanäle daten regelung regelungen arbeitsgruppe gremium beirat anlaufstelle
""".split()
# Words of states that can be checked on a date ("ist live", "liegt vor", "in Betrieb").
STATES = frozenset("""
live online verfügbar produktiv fertig abgeschlossen erledigt vorhanden erreichbar öffentlich aktiv einsatzbereit
betriebsbereit abrufbar gültig wirksam bereit besetzt freigeschaltet beschlossen verabschiedet genehmigt
unterzeichnet veröffentlicht eingeführt umgesetzt vollständig migriert abgelöst abgeschaltet zertifiziert
""".split())
STATE_PAIRS = frozenset({("in", "betrieb"), ("in", "kraft"), ("im", "einsatz"), ("in", "produktion"),
                         ("liegt", "vor"), ("liegen", "vor"), ("steht", "bereit"), ("stehen", "bereit"),
                         ("ist", "beschlossen"), ("geht", "live"), ("gehen", "live"), ("ist", "live"),
                         ("am", "netz"), ("im", "betrieb"), ("in", "nutzung")})
STATE_WORDS_BEFORE = frozenset({"vorliegt", "vorliegen", "vorgelegt", "bereitsteht", "online", "live"})
# Praise instead of a criterion.
PRAISE = """
weltklasse exzellent exzellente hervorragend herausragend erstklassig bestmöglich bestens ausgezeichnet großartig
vorbildlich einzigartig world-class best-in-class state-of-the-art spitzenklasse weltführend führend optimal
""".split()
# Qualities with no threshold: "schnellere und zuverlässigere Abläufe".
QUALITIES = """
schnell schneller einfach einfacher effizient effizienter effektiv effektiver zuverlässig zuverlässiger stabil stabiler
robust robuster modern moderner nachhaltig nachhaltiger transparent transparenter sichtbar sichtbarer attraktiv
attraktiver nutzerfreundlich benutzerfreundlich zugänglich bekannt bekannter stark stärker agil agiler flexibel
flexibler reibungslos nahtlos hochwertig komfortabel schlank schlanker besser gut bessere verlässlich professionell
professioneller zukunftsfähig innovativ leistungsfähig konsistent einheitlich klar klarer übersichtlich verständlich
intuitiv höher breiter enger engere intensiver zielgerichtet
""".split()
# Nouns of directions: what vague goals are made of ("Zusammenarbeit", "Kultur", "Qualität").
VAGUE = """
zusammenarbeit kultur qualität effizienz effektivität transparenz sichtbarkeit kommunikation austausch vernetzung
zusammenhalt bewusstsein verständnis kompetenz kompetenzen nachhaltigkeit innovation innovationskraft exzellenz
vertrauen wirkung wahrnehmung attraktivität mehrwert synergie synergien dialog teilhabe vielfalt diversität offenheit
resilienz souveränität digitalisierung wandel transformation agilität flexibilität leistungsfähigkeit zukunftsfähigkeit
wettbewerbsfähigkeit handlungsfähigkeit stabilität zuverlässigkeit benutzerfreundlichkeit nutzerfreundlichkeit
erfahrung expertise wissen wissenstransfer fokus potenzial potential chancen möglichkeiten rahmenbedingungen strukturen
zusammenspiel abstimmung koordination motivation identifikation gemeinschaft community ökosystem landschaft image marke
profil positionierung präsenz beziehungen beziehung partnerschaft partnerschaften fortschritt fortschritte entwicklung
weiterentwicklung bereich bereiche anliegen interessen bedürfnisse erlebnis nutzererlebnis erlebnisse erfahrungen
qualifizierung professionalisierung kooperation kooperationen netzwerk netzwerke engagement unterstützung stärkung
förderung verbesserung optimierung ausbau impulse impuls perspektive perspektiven orientierung sicherheit
wertschätzung arbeitsumfeld arbeitsweise arbeitsweisen zufriedenheit begeisterung lebensqualität gesundheit
willkommenskultur fehlerkultur feedbackkultur lernkultur selbstverständnis ansehen reputation vorreiterrolle rolle
""".split()
# Direction nouns a goal opens with: "Verbesserung der Zusammenarbeit", "Stärkung des Ehrenamts".
DIRECTION_NOUNS = """
stärkung förderung verbesserung weiterentwicklung sicherstellung optimierung unterstützung ausbau intensivierung
vertiefung verankerung gewährleistung begleitung befähigung ermöglichung erleichterung vereinfachung verstärkung
erweiterung sensibilisierung vernetzung harmonisierung professionalisierung modernisierung konsolidierung etablierung
steigerung erhöhung fortführung fortsetzung beschleunigung stabilisierung festigung ausweitung verstetigung
vereinheitlichung förderung
""".split()
# Nominalised deliveries: "Einführung des Portals" is an event one can check on the due date.
DELIVERY_NOUNS = """
einführung veröffentlichung umsetzung inbetriebnahme abschaffung gründung eröffnung freigabe verabschiedung
beschaffung installation unterzeichnung fertigstellung ablösung abschaltung migration implementierung
""".split()
# Nominalised weak verbs ("Schaffung", "Aufbau"): a delivery when the criterion names a thing, else vague.
WEAK_NOUNS = "schaffung etablierung aufbau erstellung bereitstellung einrichtung durchführung entwicklung".split()
# "einfacher machen", "transparent gestalten": a quality to reach, a direction.
MAKE_VERBS = frozenset("machen macht gemacht gestalten gestaltet werden wird".split())
SUBJECTS = frozenset("wir ich sie es man".split())
# Words that set a quantity on what they qualify ("viele Nutzer", "mindestens").
QUANTITIES = frozenset("""
viele mehrere zahlreiche meisten meiste mehrheit mindestens mind wenigstens deutlich signifikant erheblich doppelt
doppelte breite breiten großen große alle sämtliche jede jeder jedes tausende hunderte dutzende
""".split())
COMPARATIVES = frozenset("""
mehr höher höhere höheren höherer niedriger niedrigere weniger neue neuen neuer neu weitere weiteren zusätzliche
zusätzlichen steigende steigenden wachsende wachsenden mehr-als größere größeren gesteigerte gesteigerten
""".split())
NUMBER_WORDS = frozenset("""
zwei drei vier fünf sechs sieben acht neun zehn elf zwölf fünfzehn zwanzig dreißig vierzig fünfzig hundert tausend
million millionen milliarde milliarden hälfte drittel viertel doppelt doppelte verdoppelt
""".split())
MONTHS = frozenset("""
januar februar märz april mai juni juli august september oktober november dezember jan feb mär apr jun jul aug sep
sept okt nov dez
""".split())
PERIODS = frozenset("quartal quartals halbjahr halbjahres jahreshälfte tertial kw kalenderwoche woche monat".split())
# Prepositions before a number that make it the size of an event, not a target ("Workshop mit 30 Teilnehmenden").
DETACH = frozenset("mit für an bei zu zum zur von vom gegenüber aus nach über pro je".split())
LINKS_TO_TARGET = frozenset("von auf über unter um mindestens mind bei liegt liegen ist sind beträgt betragen bis "
                            "oberhalb unterhalb > < ≥ ≤ = : ~ ca rund etwa mehr als".split())
CONDITIONS = frozenset("kann können wenn falls sobald sofern".split())
PEOPLE = frozenset("""
mitarbeitende mitarbeiter mitarbeiterinnen beschäftigte kolleginnen kollegen befragte befragten teilnehmende
teilnehmenden nutzende nutzenden kunden kundinnen nutzer nutzerinnen mitglieder besucher besucherinnen leser
teams
""".split())
ABBREVIATIONS = frozenset("mio mrd tsd mind ca bzw ggf inkl z b d h usw etc vgl evtl max min ggü u a s o nr abs".split())
CLAUSE_BREAKS = frozenset({";", ":", ".", "!", "?"})
ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines unser unsere unseren unserem "
                     "unserer ihr ihre ihren ihrem ihrer".split())
# Words of these lists that English writes the same way: no evidence that a text is German.
ENGLISH_TOO = frozenset("""
standard standards version plan plans test tests tool tools portal app apps server servers system systems feature
features pilot design designs service services traffic engagement partner partners sponsor sponsors lead leads deal
deals follower followers download downloads views impressions adoption retention churn nps csat arr mrr revenue
pipeline dashboard roadmap report reports release repository runbook framework workshop webinar blog video budget
mvp api kpi kpis review audit tracking monitoring backup ticket reporting benchmark funnel baseline experiment sprint
workflow hackathon meetup mockup wireframe cluster schema faq tutorial newsletter wiki community onboarding mentoring
live online contributor contributors profit ebitda marge plus image profil fokus dialog synergie transparent robust
modern agil stabil flexibel effizient intuitiv optimal klar bereit aktiv gut fertig konsistent partnerin tracken
merge merged mergen release releasen deploye deployen launchen launch launche boosten boost skalieren teste starten start
warten warte plant plane planen tracke trackt reporten halten halt leser leads views clicks klick klicks sponsoren
pushen push modell programm programme prozess konzept liste link links web website webseite seite forum
""".split())
# Figures of the role's own work: moving them is a delivery ("Ladezeit um 30 % senken"), as in English.
OWN_FIGURES = tuple("""
zeit zeiten dauer latenz abdeckung kosten fehler fehlerquote fehlerrate verfügbarkeit ausfall ausfälle ausfallzeit
durchlaufzeit bearbeitungszeit antwortzeit reaktionszeit laufzeit rückstand backlog tickets aufwand aufwände
verbrauch energieverbrauch speicher größe prozent
""".split())
