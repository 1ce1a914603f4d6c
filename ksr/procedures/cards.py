"""The 13 procedure cards of the KSR model, reproduced from the Polish source.

Source: Sektorowe usługi, zeszyt 2, part IV (“Jakie scenariusze i narzędzia animacji sektorowej zastosować budując
LSR?”,
Rys. 3 — the card template of the MLW, and cards 1–13).
The Polish text is the authority; ``name_en``/``text_en`` are working English renderings.
Every card ends with the same three fill-in fields of the template: cooperating institutions,
institutions receiving information under the procedure, and the person responsible in the
institution (named, with their function) — they are filled in per run, not here.

``services.sync_cards()`` loads these into ``ProcedureCard``/``CardStep`` (idempotent).
"""

from __future__ import annotations

from dataclasses import dataclass

from ksr.procedures.choices import CardGroup, ProductKind

P = ProductKind

# The template's fill-in fields (Rys. 3), shown on every card.
TEMPLATE_FIELDS_PL = {
    "introducing_institution": "instytucja wprowadzająca procedurę",
    "name": "nazwa procedury",
    "steps": "czynności procedury kompetencyjnej",
    "cooperating_institutions": "instytucje współpracujące",
    "informed_institutions": "instytucje otrzymujące informacje w ramach procedury — wskazanie podstawowych "
    "instytucji współpracujących",
    "responsible_person": "osoba odpowiedzialna w instytucji za procedurę — wskazanie imienne osoby, "
    "funkcji pełnionej w instytucji",
}


@dataclass(frozen=True)
class StepData:
    text: str
    text_en: str
    product_kind: str


@dataclass(frozen=True)
class CardData:
    number: int
    group: str
    introducing_institution: str
    name: str
    name_en: str
    steps: tuple[StepData, ...]


S = StepData
CARDS: tuple[CardData, ...] = (
    CardData(
        1,
        CardGroup.MAIN_NODE,
        "Animator",
        "INICJACJA LSR",
        "LSR initiation",
        (
            S(
                "Analiza lokalnych informacji – rejestrów dotychczasowych działań na rzecz przeciwdziałania "
                "wykluczeniu. Nawiązanie kontaktu z ROPS, OPS, lokalnymi platformami współpracy w zakresie "
                "zatrudnienia socjalnego – konwentami, gminami, lokalnymi NGO w celu określenia dotychczas "
                "realizowanych form przeciwdziałania wykluczeniu i rozeznania możliwości wdrożenia nowych usług "
                "KIS wraz z uzasadnieniem korzyści jakie daje realizacja ustawy o zatrudnieniu socjalnym w oparciu "
                "o nowy model usług.",
                "Analyse local information (registers of past actions against exclusion); contact the ROPS, OPS, "
                "local cooperation platforms on social employment (conventions, gminas, local NGOs) to establish "
                "the forms of counteracting exclusion used so far and the possibility of new KIS services, with "
                "the benefits of applying the Social Employment Act in the new service model.",
                P.CONTACTS,
            ),
            S(
                "Pierwsze spotkanie animacyjne z interesariuszami typu A – lokalne instytucje i organizacje, "
                "których głównym celem działań jest reintegracja, w celu zainteresowania tematem. Przedstawienie "
                "idei LSR, opracowanie ścieżki dotarcia do interesariuszy typu B i C",
                "First animation meeting with type A stakeholders (local institutions and organisations whose "
                "main goal is reintegration) to interest them; present the LSR idea; work out how to reach type B "
                "and C stakeholders.",
                P.MEETING,
            ),
            S(
                "List intencyjny do instytucji samorządu terytorialnego gminy, do organizacji pozarządowych, "
                "podmiotów kultury, edukacji, sportu, zdrowia oraz przedsiębiorców i liderów społecznych "
                "(sołtysów) przedstawiający potrzebę uruchomienia wspólnych działań w ramach LSR",
                "Letter of intent to the gmina's local-government institutions, NGOs, culture, education, sport "
                "and health bodies, entrepreneurs and community leaders (village heads) presenting the need for "
                "joint action within the LSR.",
                P.LETTER_OF_INTENT,
            ),
            S(
                "Organizacja spotkania informacyjnego dla potencjalnych interesariuszy i mieszkańców gminy.",
                "Organise an information meeting for potential stakeholders and the gmina's residents.",
                P.MEETING,
            ),
        ),
    ),
    CardData(
        2,
        CardGroup.MAIN_NODE,
        "Animator",
        "Klub Integracji Społecznej „główny węzeł LSR”",
        "The social integration club as the main node of the LSR",
        (
            S(
                "Konsultacje z Kierownikiem OPS oraz kierownikami wybranych podmiotów i jednostek organizacyjnych "
                "Gminy w zakresie potencjalnych kandydatów do grupy roboczej do wdrożenia LSR z katalogu "
                "interesariuszy ABC",
                "Consult the head of the OPS and the heads of selected gmina bodies and units on candidates for "
                "the LSR implementation working group from the catalogue of A, B and C stakeholders.",
                P.CONTACTS,
            ),
            S(
                "Opracowanie informacji o powołaniu grupy roboczej do wdrożenia LSR i zaproszenie do udziału w jej "
                "pracach przedstawicieli podmiotów – wszystkich typów interesariuszy",
                "Announce the LSR implementation working group and invite representatives of all stakeholder "
                "types to take part in its work.",
                P.WORKING_GROUP,
            ),
            S(
                "Wyznaczenie koordynatora LSR (najlepiej przedstawiciela KIS). Wyznaczenie ram czasowych i planu "
                "działań LSR",
                "Appoint the LSR coordinator (preferably a KIS representative); set the LSR's time frame and "
                "action plan.",
                P.COORDINATOR,
            ),
            S(
                "Sporządzenie listy przedstawicieli potencjalnych interesariuszy sieci.",
                "Draw up the list of representatives of the network's potential stakeholders.",
                P.LIST,
            ),
        ),
    ),
    CardData(
        3,
        CardGroup.MAIN_NODE,
        "Animator / KIS",
        "KOORDYNACJA porozumienia na rzecz LSR",
        "Coordinating the agreement for the LSR",
        (
            S(
                "Koordynacja przygotowania projektu porozumienia na rzecz LSR, w tym wyznaczenie instytucji "
                "odpowiedzialnej za opracowanie i redakcję umowy partnerskiej",
                "Coordinate the preparation of the draft agreement for the LSR, including designating the "
                "institution responsible for drafting and editing the partnership agreement.",
                P.DRAFT_AGREEMENT,
            ),
            S(
                "Koordynacja konsultacji nad treścią projektu porozumienia na rzecz LSR",
                "Coordinate the consultation of the draft agreement for the LSR.",
                P.CONSULTATION,
            ),
            S(
                "Określenie sposobu reprezentacji LSR w pracach Regionalnych Sieci Reintegracji",
                "Decide how the LSR is represented in the work of the regional reintegration network (RSR).",
                P.RSR_REPRESENTATION,
            ),
        ),
    ),
    CardData(
        4,
        CardGroup.MAIN_NODE,
        "Animator / KIS",
        "LOKALNY MONITORING LSR",
        "Local monitoring of the LSR",
        (
            S(
                "Przygotowanie propozycji trybu i organizacji monitoringu, w tym zakresu informacji przekazywanych "
                "przez instytucje współpracujące w ramach LSR",
                "Propose how monitoring is done and organised, including what information the cooperating "
                "institutions of the LSR pass on.",
                P.MONITORING_PLAN,
            ),
            S("Wyznaczenie terminów monitoringu", "Set the monitoring dates.", P.MONITORING_DATES),
            S(
                "Przedstawianie informacji z monitoringu na posiedzeniach LSR.",
                "Present the monitoring information at LSR meetings.",
                P.MEETING,
            ),
        ),
    ),
    CardData(
        5,
        CardGroup.MAIN_NODE,
        "Animator / KIS",
        "WYBÓR FORM REALIZACJI NOWYCH USŁUG",
        "Choosing how the new services are delivered",
        (
            S(
                "Inwentaryzacja zasobów i oczekiwań członków LSR. Określenie metod i form współpracy w zakresie "
                "realizacji nowego profilu usług reintegracji społecznej i zawodowej w KIS.",
                "Inventory the resources and expectations of the LSR members; define the methods and forms of "
                "cooperation for the new profile of social and vocational reintegration services in the KIS.",
                P.ANALYSIS,
            ),
            S(
                "Przedłożenie partnerom wypracowanych materiałów z prośbą o odniesienie się do przedstawionych "
                "propozycji.",
                "Submit the materials to the partners and ask them to comment on the proposals.",
                P.CONSULTATION,
            ),
            S(
                "Zastosowanie wypracowanych działań w pracy KIS",
                "Apply the agreed actions in the work of the KIS.",
                P.INFORMATION,
            ),
        ),
    ),
    CardData(
        6,
        CardGroup.TYPE_B,
        "OPS / Organizacja pozarządowa",
        "BADANIA, ANALIZY, KODOWANIE",
        "Research, analysis, coding",
        (
            S(
                "Wykonywanie wszystkich prac badawczych, analitycznych i kodujących pozycje poszczególnych "
                "instytucji, mogących być potencjalnymi Interesariuszami LSR",
                "Carry out all research, analysis and coding of the positions of institutions that may be "
                "potential LSR stakeholders.",
                P.ANALYSIS,
            ),
            S(
                "Przeprowadzanie konsultacji lokalnych na temat wyników wykonanych prac",
                "Hold local consultations on the results.",
                P.MEETING,
            ),
            S(
                "Informowanie o strukturze Interesariuszy LSR w podziale na grupy: A, B, C",
                "Inform about the structure of LSR stakeholders by group: A, B, C.",
                P.INFORMATION,
            ),
            S(
                "Udział w pracach grupy roboczej do wdrożenia LSR.",
                "Take part in the work of the LSR implementation working group.",
                P.WORKING_GROUP,
            ),
        ),
    ),
    CardData(
        7,
        CardGroup.TYPE_B,
        "OPS / Organizacja pozarządowa",
        "PREZENTACJA WARIANTÓW NOWYCH USŁUG KIS",
        "Presenting the variants of new KIS services",
        (
            S("Prowadzenie Gminnej Biblioteczki LSR", "Keep the gmina's LSR library.", P.MATERIALS),
            S(
                "Opracowanie materiałów dla interesariuszy do wdrożenia nowych usług KIS i świadczenia usług "
                "reintegracji społecznej i zawodowej na terenie Gminy",
                "Prepare materials for stakeholders on implementing the new KIS services and providing social "
                "and vocational reintegration services in the gmina.",
                P.MATERIALS,
            ),
            S("Przedstawienie informacji na forum LSR.", "Present the information at the LSR forum.", P.MEETING),
        ),
    ),
    CardData(
        8,
        CardGroup.TYPE_B,
        "OPS / Organizacja pozarządowa",
        "ORGANIZOWANIE NOWYCH ZAJĘĆ REINTEGRACJI",
        "Organising new reintegration classes",
        (
            S(
                "Dokonanie diagnozy sytuacji osób i rodzin w Gminie",
                "Diagnose the situation of people and families in the gmina.",
                P.ANALYSIS,
            ),
            S(
                "Uzyskanie dodatkowych informacji o osobach i rodzinach, mogących być objętymi usługami "
                "reintegracji społecznej i zawodowej od organizacji pozarządowych",
                "Obtain from NGOs additional information on people and families who may be covered by social "
                "and vocational reintegration services.",
                P.INFORMATION,
            ),
            S(
                "Przygotowanie programu zajęć merytorycznych w KIS",
                "Prepare the programme of classes in the KIS.",
                P.MATERIALS,
            ),
            S("Zawarcie kontraktów socjalnych.", "Conclude social contracts.", P.CONTRACTS),
        ),
    ),
    CardData(
        9,
        CardGroup.TYPE_B,
        "OPS / Organizacja pozarządowa",
        "POTRZEBY USŁUG REINTEGRACJI",
        "Needs of the reintegration services",
        (
            S(
                "Przekazanie informacji o potrzebach KIS do grupy roboczej do wdrożenia LSR tj. do przedstawicieli "
                "instytucji partnerskich",
                "Pass information on the KIS's needs to the LSR implementation working group, i.e. to the "
                "representatives of the partner institutions.",
                P.NEED_REQUEST,
            ),
            S(
                "Wyznaczenie osoby odpowiedzialnej do kontaktów z instytucjami partnerskimi",
                "Designate the person responsible for contacts with partner institutions.",
                P.PERSON_DESIGNATED,
            ),
            S(
                "Określenie trybu i sposobu informowania partnerów o potrzebach KIS, w tym: o potrzebie "
                "dysponowania zasobami materialnymi, zasobami wiedzy z danej dziedziny, w której odbywają się "
                "zajęcia w KIS, o potrzebie dysponowania zasobami personalnymi (specjaliści na zajęcia), etc.",
                "Decide how partners are told of the KIS's needs: material resources, knowledge in the field of "
                "the KIS classes, personnel (specialists for the classes), etc.",
                P.RULES,
            ),
        ),
    ),
    CardData(
        10,
        CardGroup.TYPE_B,
        "OPS / Organizacja pozarządowa",
        "WSPÓŁPRACA Z PARTNERAMI LSR",
        "Cooperation with the LSR partners",
        (
            S(
                "Określenie sposobu kontaktów z instytucjami partnerskimi oraz członkami LSR",
                "Decide how to keep in contact with the partner institutions and the LSR members.",
                P.RULES,
            ),
            S(
                "Określenie zakresu informacji o potrzebach kierowanych pod adresem instytucji, dysponujących "
                "określonymi zasobami niezbędnymi dla organizacji zajęć w KIS.",
                "Define the scope of the information on needs addressed to institutions that have the resources "
                "needed for the KIS classes.",
                P.NEED_REQUEST,
            ),
        ),
    ),
    CardData(
        11,
        CardGroup.TYPE_C,
        "Instytucje partnerskie",
        "NAWIĄZYWANIE I UTRZYMYWANIE KONTAKTÓW",
        "Establishing and maintaining contacts",
        (
            S(
                "Wyznaczenie osób odpowiedzialnych za utrzymywanie kontaktów z instytucjami wymienionymi w modelu "
                "KSR, RSR, LSR",
                "Designate the people responsible for contacts with the institutions named in the KSR, RSR and "
                "LSR model.",
                P.PERSON_DESIGNATED,
            ),
            S(
                "Przyjęcie zasad współpracy, udziału w pracach grupy roboczej do wdrożenia LSR oraz "
                "reprezentowania danej instytucji wobec Instytucji Inicjującej – KIS",
                "Adopt the rules of cooperation, of taking part in the LSR working group and of representing the "
                "institution towards the initiating institution (the KIS).",
                P.RULES,
            ),
            S(
                "Określenie systemu przepływu informacji, w tym głównie przyjmowania zgłoszeń potrzeb na rzecz "
                "działającego podmiotu zatrudnienia socjalnego świadczącego usługi reintegracji społecznej i "
                "zawodowej.",
                "Define the flow of information, above all how need requests from the social employment entity "
                "providing social and vocational reintegration services are received.",
                P.RULES,
            ),
        ),
    ),
    CardData(
        12,
        CardGroup.TYPE_C,
        "Instytucje partnerskie",
        "WYZNACZENIE OSOBY DO REPREZENTOWANIA INSTYTUCJI/PODMIOTU",
        "Designating the person representing the institution",
        (
            S(
                "Wyznaczenie osób, reprezentujących daną instytucję partnerską w pracach LSR",
                "Designate the people representing the partner institution in the work of the LSR.",
                P.PERSON_DESIGNATED,
            ),
            S("Poinformowanie wszystkich instytucji w LSR", "Inform all institutions in the LSR.", P.INFORMATION),
            S("Przyjęcie zasad wzajemnej informacji.", "Adopt the rules of mutual information.", P.RULES),
        ),
    ),
    CardData(
        13,
        CardGroup.TYPE_C,
        "Instytucje partnerskie",
        "ANALIZA POTRZEB I ZASOBÓW",
        "Analysis of needs and resources",
        (
            S(
                "Przyjmowanie informacji zgłoszeniowych od podmiotu zatrudnienia socjalnego w zakresie potrzeb "
                "związanych z organizacją i przebiegiem zajęć",
                "Receive need requests from the social employment entity about organising and running classes.",
                P.INFORMATION,
            ),
            S(
                "Prowadzenie analizy możliwości udostępnienia własnych zasobów na cele LSR",
                "Analyse whether the institution's own resources can be made available for the LSR.",
                P.ANALYSIS,
            ),
            S(
                "Informowanie na bieżąco o niemożności spełnienia oczekiwań w zakresie udostępnienia zasobów.",
                "Inform promptly when the expectations on sharing resources cannot be met.",
                P.INFORMATION,
            ),
        ),
    ),
)
