"""Word lists for the language rules, lower case.

Verbs are listed by their base form and expanded to every tense here, so that
"grow", "grows", "grew", "grown" and "growing" all count. Tuned on the tuning
part of the corpus in tests/data/ (never on the held-out part).
"""

from __future__ import annotations

_IRREGULAR = {
    "grow": ("grew", "grown"), "win": ("won",), "get": ("got", "gotten"), "hit": (), "cut": (),
    "drive": ("drove", "driven"), "bring": ("brought",), "keep": ("kept",), "hold": ("held",),
    "beat": ("beaten",), "run": ("ran",), "write": ("wrote", "written"), "build": ("built",),
    "make": ("made",), "set": (), "choose": ("chose", "chosen"), "send": ("sent",), "hire": (),
    "give": ("gave", "given"), "say": ("said",), "feel": ("felt",), "know": ("knew", "known"),
    "lead": ("led",), "put": (), "take": ("took", "taken"), "find": ("found",), "rise": ("rose", "risen"),
    "see": ("saw", "seen"), "sell": ("sold",), "spend": ("spent",), "begin": ("began", "begun"),
    "draw": ("drew", "drawn"), "pay": ("paid",),
}


def _forms(*bases: str) -> frozenset[str]:
    """Every tense of each verb: base, -s, -ed, -ing and the irregular forms."""
    out: set[str] = set()
    for base in bases:
        out.add(base)
        stem = base[:-1] if base.endswith("e") else base
        if base.endswith("y") and base[-2] not in "aeiou":
            out.update({base[:-1] + "ies", base[:-1] + "ied", base + "ing"})
        else:
            out.update({base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s"),
                        stem + "ed", stem + "ing"})
            if len(base) <= 4 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou" and base[-3:-2] not in "aeiou":
                out.update({base + base[-1] + "ed", base + base[-1] + "ing"})  # cut -> cutting
        out.update(_IRREGULAR.get(base, ()))
    return frozenset(out)


# -- RB105: impact -------------------------------------------------------------

# Money, and other people's behaviour measured in aggregate: a metric as soon as
# something moves it or targets it.
MONEY = frozenset("""
revenue revenues arr iarr acv iacv mrr bookings booking profit profits profitability margin margins
gmv ltv roi quota attainment pipeline pipe-to-spend income ebitda
funding donations donation grants gifts sponsorship sponsorships sales savings
""".split())
BEHAVIOUR = frozenset("""
adoption usage engagement retention churn attrition turnover conversion conversions activation
traffic visits visitors pageviews views impressions clicks click-through ctr downloads installs
sign-ups signups sign-up registrations subscribers followers stars nps csat sus satisfaction
awareness share mentions attendance participation mau wau dau swau swaus smau referrals renewals
upsell expansion contributions contributors sessions confidence sclau
citations readers reads uptake interactions transactions
""".split())
# People and deals counted: impact only when acquired, moved, or doing something.
ACTORS = frozenset("""
customer customers user users logo logos deal deals lead leads mql mqls sql sqls sao saos pql pqls
opportunity opportunities opps account accounts prospect prospects companies developers devs
people members subscribers contacts champions press media projects trials audience
partners donors sponsors grantor grantors ambassadors volunteers participants attendees organizations
organisations institutions
""".split())
# A metric word followed by one of these names a thing the role builds.
ARTEFACT_HEADS = frozenset("""
dashboard dashboards report reports reporting tracking analysis analyses model models survey surveys
metric metrics definition definitions benchmark benchmarks playbook playbooks guide guides tool tools
tooling process processes data instrumentation forecast forecasts experiment experiments api service
queries review alerts baseline attribution funnel ping pings team teams working policy milestones
program programs dashboarding engine motion framework leadership targets target support
analytics stage marketing ops operations process enablement channel strategy messaging
""".split())
# Artefact words that can precede "pipeline" and make it a build or data pipeline.
PIPELINE_ARTEFACT = frozenset("ci cd build deploy deployment data release etl merge request test".split())

MOVE_VERBS = _forms(
    "grow", "increase", "raise", "boost", "lift", "double", "triple", "quadruple", "improve", "reduce", "cut",
    "lower", "decrease", "drive", "reach", "hit", "achieve", "exceed", "maximize", "maximise", "minimize",
    "minimise", "generate", "win", "gain", "land", "close", "add", "attract", "acquire", "secure", "get",
    "sign", "convert", "expand", "scale", "accelerate", "keep", "maintain", "advance", "source", "deliver",
    "pull", "bring", "earn", "retain", "halve", "beat", "surpass", "hold", "rise", "climb", "drop",
)
# "driven" in "Use Case driven sales motion" is an adjective, not a movement.
NOT_MOVES = frozenset({"driven", "closed", "gets", "source"})
# Verbs that make the metric the object of measuring, not of moving.
MEASURE_VERBS = _forms(
    "track", "measure", "benchmark", "instrument", "define", "document", "monitor", "capture", "calculate",
    "analyze", "analyse", "predict", "forecast", "validate", "verify", "report", "survey", "understand",
    "identify", "show", "surface", "see", "indicate", "estimate", "collect", "study",
)
# What people do when they adopt or use something.
BEHAVIOUR_VERBS = _forms(
    "use", "run", "adopt", "create", "index", "auth", "tweet", "share", "rsvp", "visit", "try", "love",
    "know", "say", "give", "participate", "attend", "engage", "view", "edit", "link", "deploy", "talk",
    "recommend", "feel", "rate", "feature", "publish", "migrate", "sync", "upgrade", "return", "buy",
    "purchase", "renew", "subscribe", "join", "contribute", "star", "download", "install", "click",
)
# Verbs by which a role acquires people or deals.
ACQUIRE_VERBS = _forms(
    "land", "win", "sign", "acquire", "add", "gain", "get", "attract", "grow", "reach", "close", "convert",
    "bring", "secure", "generate", "drive", "source", "deliver", "increase", "double", "triple", "retain",
    "expand", "pull", "earn", "maximize", "maximise", "advance",
)
# Praise instead of a criterion: "a world-class team", "best-in-class support", "excellent docs".
EVALUATIVE = frozenset("""
world-class world best-in-class excellence excellent outstanding amazing awesome great stellar exceptional
top-notch first-class seamless delightful
""".split())
# Qualities with no threshold: "faster and more reliable downloads", "efficient monitoring". With a
# number they are a target ("p95 under 200 ms"); without one they name nothing to check.
QUALITIES = frozenset("""
faster quicker better easier simpler smoother stronger greater reliable efficient effective robust
scalable consistent usable seamless modern state-of-the-art high-quality diverse impactful friendly
executive-friendly user-friendly
""".split())
# Openings of work with no result named: "Explore the possibility of ...", "Study the implications".
OPEN_ACTIVITIES = frozenset("explore study investigate consider rethink research follow discuss advise".split())
# Words that set a quantity on what they qualify ("many citations", "multiple partners", "at least").
QUANTITIES = frozenset("many multiple numerous most majority significant least twice double triple vast wide".split())
COMPARATIVES = frozenset("more higher lower fewer less new net-new additional incremental increased".split())
NUMBER_WORDS = frozenset("""
one two three four five six seven eight nine ten twelve fifteen twenty fifty hundred thousand million
billion twice double half
""".split())
# Sentiment reported by people: "say", "report", "indicate" with a share of them.
SENTIMENT_VERBS = _forms("say", "report", "indicate", "rate", "recommend", "feel", "love")
PEOPLE_WORDS = frozenset("""
hires teammates respondents attendees participants candidates employees customers users developers devs
engineers managers reps people folks admins buyers champions
""".split())
RANKING = frozenset({"top", "top-5", "top-10", "top-3", "front"})
CLAUSE_BREAKS = frozenset({";", ":", ".", "!", "?"})

# -- RB112: verifiable ----------------------------------------------------------

# A done_when with one of these verbs names an event or a state change.
DELIVERY_VERBS = _forms(
    "ship", "publish", "launch", "release", "deploy", "hire", "migrate", "implement", "complete", "document",
    "approve", "decide", "sign", "define", "write", "run", "hold", "merge", "upgrade", "remove", "deprecate",
    "integrate", "roll", "identify", "evaluate", "select", "choose", "measure", "track", "test", "audit",
    "triage", "resolve", "fix", "install", "configure", "automate", "produce", "present", "send", "submit",
    "certify", "agree", "commit", "transition", "assign", "conduct", "interview", "source", "announce",
    "onboard", "open", "refactor", "redesign", "rebuild", "benchmark", "analyze", "analyse", "deliver",
    "finish", "close", "record", "retire", "archive", "move", "replace", "split", "rename", "add", "turn",
    "eliminate", "collect", "solicit", "review", "establish", "introduce", "prioritize", "prioritise",
    "recruit", "train", "schedule", "host", "organize", "organise", "prepare", "draft", "file", "update",
    "instrument", "enable", "secure", "block", "set", "provide", "create", "build", "design", "develop",
    "support", "track", "receive", "fulfill", "fulfil", "facilitate", "scope", "decrease", "reduce",
    "lower", "cut", "keep", "maintain", "resume", "start", "begin", "handoff", "handle", "notify",
)
# Verbs that only say "more of something" and need a checkable object to count.
WEAK_VERBS = frozenset(
    _forms("create", "build", "develop", "design", "provide", "support", "enable", "establish", "introduce",
           "deliver", "maintain", "keep", "secure", "set", "update", "add", "review", "reduce", "lower",
           "decrease", "cut", "start", "begin", "handle", "prepare", "organize", "organise", "move", "open",
           "turn", "run", "hold", "close")
)
# Things that exist, can be pointed at and checked.
ARTEFACTS = frozenset("""
document documents doc docs documentation page pages handbook plan plans roadmap roadmaps report reports
dashboard dashboards tool tools playbook playbooks policy policies guide guides guideline guidelines
template templates rfc rfcs spec specs specification model models budget budgets list lists survey
surveys training trainings course courses video videos post posts blog article articles case study
studies webinar webinars release releases repository repositories database databases checklist
checklists runbook runbooks flow flows app apps library libraries script scripts contract contracts
bands levels ticket tickets system systems api apis dashboard sla slas slo slos process processes program
programs workshop workshops masterclass masterclasses session sessions interview interviews certification
demo demos presentation presentations deck decks ebook booth proxy server servers pipeline feature
features integration integrations component components prototype prototypes mvp poc sow letter
strategy framework matrix pitch pitches dashboards campaign campaigns benchmarks metrics page
description descriptions portal tracker milestone milestones mock mocks designs diagram
channel channels infrastructure pricing email emails updates sheet owners materials languages ui upload
website site repo repos queue dataset decision decisions log logs record records notes changelog
""".split())
# Words of states that can be checked on a date.
STATES = frozenset("""
available live enabled deployed approved published documented complete completed done shipped signed
merged released launched hired default in-place tracked certified public visible resolved closed
place
""".split())

# -- RB104: owners ----------------------------------------------------------------

COLLECTIVE_WORDS = frozenset("""
we us our everyone everybody all every each any anyone anybody someone somebody nobody none they them
those these tbd tba tbc tbh n/a na unknown unassigned unowned whoever
""".split())
GROUP_WORDS = frozenset("""
team teams squad squads department departments dept org orgs organisation organization group groups
committee council guild guilds tribe tribes chapter crew leadership staff board workgroup workgroups
function functions office company
""".split())
DEPARTMENTS = frozenset("""
marketing sales finance accounting legal support ops operations hr it engineering product design data
recruiting talent procurement compliance devrel relations customer success cs ce bizops revops techops
enablement growth infrastructure quality ux research security people alliances partnerships content
events development delivery frontend backend database programs program management field digital
corporate technical evangelism application services professional platform analytics communications
comms brand pr partners partner channel channels admin administration facilities payroll treasury
tax audit risk privacy trust safety qa it-ops devops sre production release developer community
customers experience advocacy online smb enterprise commercial mid-market strategy people-ops
tech dev core
""".split())
# Heads of a role title: one person holds it.
TITLE_WORDS = frozenset("""
lead manager head director vp chief officer ceo cto cfo coo cmo cro cpo ciso cio owner chair captain
coordinator specialist engineer designer analyst architect administrator admin writer recruiter
sponsor fellow member partner principal president founder pm em tpm pmm sdr ae csm cse dri
consultant advisor counsel representative rep scientist developer marketer editor producer
steward champion liaison dir evp svp avp gm intern associate assistant strategist researcher
""".split())
# Plural role nouns: a role in the plural is several people.
ROLE_PLURALS = frozenset("""
engineers managers designers leads pms ems csms cses hms aes sdrs admins administrators developers devs
owners members reviewers maintainers recruiters stakeholders executives execs directors founders leaders
teammates people folks staff employees contributors partners analysts architects writers marketers
sellers reps representatives coordinators specialists officers heads vps consultants advisors
scientists editors researchers interns associates assistants volunteers
""".split())
