"""The help pages: one topic per area of work, each with the short text shown on its screens,
the rule behind it in plain words, and where the rule comes from (docs/sources.md forms).

A screen finds its topic by its URL namespace (the app), or by its own name where a screen needs
a topic of another area (``SCREEN_TOPICS``). Citations stay in Polish in every language: they
name Polish publications and acts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Topic:
    slug: str
    title: Promise
    summary: Promise
    paragraphs: tuple[Promise, ...]
    basis: str = ""


TOPICS: tuple[Topic, ...] = (
    Topic(
        "start",
        _("Getting started"),
        _(
            "KSR joins the social integration clubs and centres, their partners and the offices above them in one "
            "system."
        ),
        (
            _(
                "Each person sees what their role needs: a case manager the participants of their club, a partner "
                "only the people who consented to share data with it, a voivode office its register, the regions "
                "and the ministry counts without personal data."
            ),
            _(
                "The menu shows only what your role may use. If you miss something, ask the administrator of your "
                "organisation to give you the right role."
            ),
        ),
        "Model KSR, II.1–II.3",
    ),
    Topic(
        "account",
        _("Your account"),
        _("Sign in with your user name and password; roles that read participants' data also confirm a one-time code."),
        (
            _(
                "Every role that may read a participant's data signs in with a second factor: a six-digit code "
                "from an authenticator application. After several wrong passwords the account is locked for a while."
            ),
            _("Never share your account. Everything you do and every participant record you open is recorded."),
        ),
        "RODO art. 32",
    ),
    Topic(
        "audit",
        _("The audit trail"),
        _("Who did what and when: every change and every reading of personal data is recorded here."),
        (
            _(
                "The trail records which fields changed, never the personal values themselves, so reading it "
                "does not disclose anybody's data. Entries cannot be edited or deleted."
            ),
            _("A club sees the trail of its own records; the administrator sees everything."),
        ),
        "RODO art. 5 ust. 1 lit. f i ust. 2",
    ),
    Topic(
        "territory",
        _("Territorial units"),
        _("Voivodeships, powiats and gminas come from the official TERYT register kept by Statistics Poland."),
        (
            _(
                "Gminas of the same name are told apart by their powiat. Units that ceased to exist stay in the "
                "history of the records that used them."
            ),
        ),
        "rejestr TERYT (GUS)",
    ),
    Topic(
        "organisations",
        _("Organisations"),
        _("Every institution of the network, with its kind, sectors, seat and identifiers checked for validity."),
        (
            _(
                "An organisation's stakeholder type follows from its statutory goals: type A has social and "
                "vocational reintegration as its main goal (KIS, CIS, social cooperatives), type B as one of its "
                "goals (social assistance centres, labour offices), type C not at all (culture, education, health, "
                "sport, employers)."
            ),
            _("NIP, REGON and KRS numbers are checked with their check digits before they are saved."),
        ),
        "Model KSR, II.3; MLW i RPW, „Interesariusze MLW”",
    ),
    Topic(
        "registers",
        _("The voivode's registers of KIS and CIS"),
        _(
            "A club operates after its entry in the voivode's register; the voivode enters it within 30 days of the "
            "notification."
        ),
        (
            _(
                "The founding body notifies the club to the voivode; the register officer enters it, corrects the "
                "entry or strikes it off. A notification waiting longer than 30 days is flagged."
            ),
            _("The public register shows entered clubs and centres without signing in."),
        ),
        "UZS art. 18 ust. 1, art. 18a; Rozporządzenie o zgłoszeniu KIS",
    ),
    Topic(
        "networks",
        _("Reintegration networks"),
        _(
            "A local network (LSR) gathers the institutions of a gmina around its KIS; regions and the nation join "
            "the local networks."
        ),
        (
            _(
                "The KIS is the main node of its LSR. The regional cooperation centre at the ROPS leads the regional "
                "network, the national centre the national one. The LSR health panel shows which rules of the model "
                "a network meets."
            ),
        ),
        "Model KSR, II.2, II.3",
    ),
    Topic(
        "partnerships",
        _("Partnerships and the Pact"),
        _(
            "Partnerships bind the members of a network to common tasks; the Pact for the Local Cooperation Model "
            "binds the gmina."
        ),
        (
            _(
                "A partnership has its partners, their roles and contributions, a plan of action and evaluations "
                "whose conclusions are binding. One Pact can be in force in a network at a time; with fewer than "
                "three signatories it dissolves."
            ),
        ),
        "Model KSR, II.3; MLW i RPW, „Gminny Pakt na rzecz MLW”, „Zespół Synergii Lokalnej MLW”",
    ),
    Topic(
        "cooperation",
        _("The cooperation forum"),
        _("The forum meets regularly, records attendance, decisions and tasks, and sends the minutes to its members."),
        (
            _(
                "Strategic and operational meetings have their due dates; an overdue meeting is flagged to the "
                "coordinator. The cross-sector cooperation card rates eight conditions from 1 to 5 and leads to "
                "improvement actions."
            ),
        ),
        "Model KSR, II.3; Sektorowe usługi, zeszyt 2, part IV",
    ),
    Topic(
        "analytics",
        _("Analytics and maps"),
        _("The network as a graph and on maps; above the club only counts are shown, and counts under 5 as “<5”."),
        (
            _(
                "A small count could point to a person, so it is hidden, and so are the counts from which it could "
                "be worked out. The figures are computed from live data."
            ),
        ),
        "Model KSR, II.2; RODO art. 5 ust. 1 lit. c",
    ),
    Topic(
        "participants",
        _("Participants and their cases"),
        _(
            "A participant's data belongs to the club that holds the case; the case runs from qualification to exit "
            "and the follow-up."
        ),
        (
            _(
                "A person is referred (for example by the social assistance centre) or comes on their own, is "
                "qualified, admitted and supported by a case manager. A club can admit participants only while "
                "its register entry is in force."
            ),
            _(
                "The eligible groups are those of the social employment act. Six months after exit the club asks "
                "how the person is doing."
            ),
        ),
        "UZS art. 1 ust. 2, art. 12 ust. 4, art. 18 ust. 1; Model KSR, II.4 „KIS zatrudnia case managerów”",
    ),
    Topic(
        "plans",
        _("Contracts, plans and outcomes"),
        _(
            "The contract, the individual action plan, the services card and the measures of progress of one "
            "participant."
        ),
        (
            _(
                "The diagnosis of the reintegration potential comes first; the individual action plan follows it. "
                "The consulting services card is a record that is only ever added to. Progress is measured on "
                "nine measures that are not about employment alone."
            ),
            _("Health and disability data are shown only to the people who work with the participant."),
        ),
        "Model KSR, I.4, II.4; RODO art. 9 ust. 1",
    ),
    Topic(
        "services",
        _("Services, classes and attendance"),
        _(
            "The club's service catalogue, partners' offers, programme editions, classes and attendance with the KIS "
            "time rules."
        ),
        (
            _(
                "The KIS standard asks for at least 40 teaching hours a month, editions of at least three months, "
                "and at least six months of actual participation for the graduate certificate."
            ),
            _(
                "The new service profile — general education, culture, health prevention, sport — is given with "
                "partners; their offers are booked for participants."
            ),
        ),
        "Standard certyfikacji KIS; Prawne aspekty, IV.1, IV.2",
    ),
    Topic(
        "privacy",
        _("Consents and personal data"),
        _(
            "A partner sees a participant's data only with two recorded consents, only the fields they name, only "
            "while they last."
        ),
        (
            _(
                "The participant and the responsible helper both consent; the consent names the partner, the "
                "service and the fields, and ends on its date or when withdrawn. A participant may ask for a copy "
                "of all their data."
            ),
        ),
        "RODO art. 5 ust. 1 lit. c i e, art. 9 ust. 1, art. 15",
    ),
    Topic(
        "pipeline",
        _("New entities"),
        _("The path of each new KIS or CIS from the first contact to a club that lasts two years."),
        (
            _(
                "The project's target is 32 new entities in at least eight regions, two to four per region. "
                "Durability is counted from the end of the project's activities."
            ),
        ),
        "Fiszka projektu KSR, wskaźniki; Prawne aspekty, III.2",
    ),
    Topic(
        "procedures",
        _("Procedure cards"),
        _("The thirteen procedure cards of the model as working processes, with tasks, deadlines and need requests."),
        (_("Each card says who introduces the procedure, what its steps are and what it produces."),),
        "Sektorowe usługi, zeszyt 2, part IV, cards 1–13",
    ),
    Topic(
        "surveys",
        _("Readiness surveys"),
        _(
            "Anonymous questionnaires measure a gmina's readiness to cooperate; the level is shown only from enough "
            "answers."
        ),
        (
            _(
                "Each respondent's link can be answered once and the answer is not tied to the person. The "
                "readiness level is a weighted score whose weights are given on the report page."
            ),
        ),
        "Sektorowe usługi, zeszyt 2, part IV „ankieta”",
    ),
    Topic(
        "animation",
        _("Animation"),
        _("Regional animators and their teams prepare gminas to create clubs and networks."),
        (
            _(
                "The national centre trains and examines the animators; a regional team has at least three "
                "animators; each gmina gets a scenario chosen for its situation."
            ),
        ),
        "Sektorowe usługi, zeszyt 2, part III; Fiszka projektu KSR, kamień milowy 3",
    ),
    Topic(
        "cis",
        _("CIS duties"),
        _(
            "The CIS status granted by the voivode, the integration benefit computed from attendance, "
            "and motivation bonuses."
        ),
        (
            _(
                "The voivode grants the status by a decision for five years and may extend it. The integration "
                "benefit is 120 percent of the unemployment benefit, reduced for days of unexcused absence; the "
                "rates and rules are entered with their source, and rules not yet checked against the act are "
                "marked so."
            ),
            _("A CIS programme takes 30 to 40 hours a week; participation lasts at most 24 months."),
        ),
        "UZS art. 5; Nowelizacja UZS 2022",
    ),
    Topic(
        "calendar",
        _("Calendar"),
        _("Your week and month of classes, meetings, reviews, follow-ups and consents that expire."),
        (
            _(
                "The calendar address for other applications is secret and can be revoked at any time. It carries "
                "case numbers, never participants' names."
            ),
        ),
    ),
    Topic(
        "documents",
        _("Documents"),
        _("Contracts, plans, lists, certificates and consents to print, each with its unique identifier."),
        (
            _(
                "Every document carries an identifier of the organisation, the year, the kind and a number, as the "
                "KIS standard asks. The signed copy is scanned and attached to the record it belongs to."
            ),
        ),
        "Standard certyfikacji KIS; Prawne aspekty, IV.1",
    ),
    Topic(
        "notifications",
        _("Notifications"),
        _("What needs your attention, in the application and by e-mail, as you choose for each kind."),
        (
            _(
                "E-mails never carry health or disability data, and name a case by its number, not the person. "
                "You choose for each kind: in the application only, an e-mail at once, or a daily digest."
            ),
        ),
    ),
    Topic(
        "search",
        _("Search"),
        _("One search over what you may see; every participant shown in the results is recorded as a reading."),
        (_("Search by name or PESEL for participants, by name or number for organisations and register entries."),),
    ),
)

BY_SLUG = {topic.slug: topic for topic in TOPICS}

# The topic of each URL namespace (one per app); a screen without a namespace gets "start".
NAMESPACE_TOPICS = {
    "core": "start",
    "help": "start",
    "accounts": "account",
    "audit": "audit",
    "territory": "territory",
    "registry": "organisations",
    "registers": "registers",
    "networks": "networks",
    "partnerships": "partnerships",
    "cooperation": "cooperation",
    "analytics": "analytics",
    "cases": "participants",
    "plans": "plans",
    "catalogue": "services",
    "privacy": "privacy",
    "pipeline": "pipeline",
    "procedures": "procedures",
    "surveys": "surveys",
    "animation": "animation",
    "agenda": "calendar",
    "cis": "cis",
    "search": "search",
    "documents": "documents",
    "notifications": "notifications",
}

# Screens whose rule lives in another area than their app's.
SCREEN_TOPICS = {
    "privacy:aggregates": "analytics",
    "networks:lsr_health": "networks",
}


def topic_for(namespace: str, url_name: str) -> Topic:
    """The topic of a screen: its own, its app's, or the start page's."""
    slug = SCREEN_TOPICS.get(f"{namespace}:{url_name}") or NAMESPACE_TOPICS.get(namespace, "start")
    return BY_SLUG[slug]
