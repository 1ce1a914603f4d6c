"""The template of the Pact for the Local Cooperation Model (MLW), clause by clause.

Polish text reproduced from MLW i RPW („Gminny Pakt na rzecz MLW”; OCR diacritics restored), with an English
rendering. It is a template: the preamble's regional documents are those of the Lubelskie pilot.
The texts are data (a document), not interface strings, so they are not translated through gettext.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Clause:
    heading: str
    polish: str
    english: str


PACT_TITLE_PL = "PAKT NA RZECZ MODELU LOKALNEJ WSPÓŁPRACY"
PACT_SUBTITLE_PL = "„Wspieranie i rozwój usług reintegracji społecznej i zawodowej”"
PACT_TITLE_EN = "PACT FOR THE LOCAL COOPERATION MODEL"
PACT_SUBTITLE_EN = "“Supporting and developing social and vocational reintegration services”"

CLAUSES: tuple[Clause, ...] = (
    Clause(
        "Preambuła / Preamble",
        "Mając na uwadze postanowienia:\n"
        "1. Strategii Polityki Społecznej Województwa Lubelskiego na lata 2014–2020, przyjętej do realizacji "
        "Uchwałą Nr XXXVIII/612/2013 Sejmiku Województwa Lubelskiego z dnia 20 grudnia 2013 r.,\n"
        "2. Wieloletniego Regionalnego Planu Działania na rzecz Promocji i Upowszechniania Ekonomii Społecznej "
        "oraz Rozwoju Instytucji Sektora Ekonomii Społecznej i jej Otoczenia w Województwie Lubelskim na lata "
        "2013–2020, przyjętego do realizacji Uchwałą Nr CLXXXVI/3830/2013 Zarządu Województwa Lubelskiego "
        "z dnia 2 lipca 2013 r.,\n"
        "a także misję instytucji publicznych gminy wobec swoich mieszkańców, którą jest m.in. dążenie do:\n"
        "– zintegrowania społeczeństwa, wolnego od problemów ubóstwa i wykluczenia społecznego, solidarnego "
        "i bezpiecznego socjalnie,\n"
        "– zapewnienia większej dostępności do zasobów i usług w sferze rynku pracy, w sferze społecznej — "
        "ochrona zdrowia, edukacja i kultura, oraz w sferze obywatelskiej,\n"
        "– osiągnięcia większego stopnia społecznej przedsiębiorczości poprzez optymalne wykorzystanie systemu "
        "pomocy i wsparcia oraz rozwiązań ekonomii społecznej,\n"
        "uznano, że zawiązanie niniejszego Paktu będzie potwierdzeniem i deklaracją uczestnictwa w procesie "
        "stymulowania tworzenia i rozwoju podmiotów zatrudnienia socjalnego, działających na podstawie ustawy "
        "z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym (Dz. U. z 2003 r. Nr 122, poz. 1143 z późn. zm.).",
        "Having regard to the provisions of:\n"
        "1. the Strategy for Social Policy of the Lubelskie Voivodeship for 2014–2020, adopted by Resolution "
        "No. XXXVIII/612/2013 of the Sejmik of the Lubelskie Voivodeship of 20 December 2013;\n"
        "2. the Multi-annual Regional Action Plan for the Promotion and Dissemination of Social Economy and the "
        "Development of Social Economy Sector Institutions and their Environment in the Lubelskie Voivodeship "
        "for 2013–2020, adopted by Resolution No. CLXXXVI/3830/2013 of the Board of the Lubelskie Voivodeship "
        "of 2 July 2013;\n"
        "and also the mission of the gmina's public institutions towards its residents, which is among other "
        "things to strive for:\n"
        "– an integrated society, free of poverty and social exclusion, solidary and socially secure;\n"
        "– greater access to resources and services in the labour market, in the social sphere (health care, "
        "education and culture) and in the civic sphere;\n"
        "– a greater degree of social entrepreneurship through the optimal use of the assistance and support "
        "system and of social economy solutions;\n"
        "it was recognised that concluding this Pact confirms and declares participation in stimulating the "
        "creation and development of social employment entities acting under the Act of 13 June 2003 on social "
        "employment (Dz. U. 2003 No. 122, item 1143, as amended).",
    ),
    Clause(
        "§ 1",
        "Sygnatariusze Paktu wspólnie uzgadniają, że celem jest rozwój na obszarze Gminy instytucjonalnych "
        "podstaw do świadczenia usług reintegracji społecznej i zawodowej, poprzez:\n"
        "1) rozpowszechnianie wiedzy oraz edukowanie mieszkańców o problematyce zatrudnienia socjalnego jako "
        "elementu szeroko pojmowanego wsparcia i pomocy, świadczonych przez instytucje pomocy społecznej, rynku "
        "pracy oraz instytucje reintegracji społecznej i zawodowej,\n"
        "2) zapewnienie lokalnej współpracy instytucji samorządowej administracji, organizacji obywatelskich "
        "i osób prywatnych, szczególnie w zakresie wymiany informacyjnej o możliwościach wykorzystania zasobów "
        "i potencjału kadrowego dla świadczenia usług reintegracji społecznej i zawodowej,\n"
        "3) umożliwienie mieszkańcom, w szczególności zagrożonym ryzykiem wykluczenia społecznego, poszukiwania "
        "innowacyjnych rozwiązań własnych problemów i trudności życiowych w sferze zatrudnienia, rozwoju "
        "edukacyjnego i kulturalnego, organizowania życia rodzinnego i sąsiedzkiego, z wykorzystaniem "
        "możliwości podmiotów zatrudnienia socjalnego,\n"
        "4) zachęcenie mieszkańców do udziału we współtworzeniu i realizacji oraz monitorowaniu lokalnej "
        "polityki społecznej, w tym szczególnie do udziału w konsultacjach społecznych oraz w różnych formach "
        "dialogu społecznego.",
        "The signatories jointly agree that the goal is to develop, in the gmina, the institutional basis for "
        "providing social and vocational reintegration services, through:\n"
        "1) spreading knowledge and educating residents about social employment as part of the broadly "
        "understood support and assistance provided by social assistance, labour market and reintegration "
        "institutions;\n"
        "2) ensuring local cooperation of local-government institutions, civic organisations and private "
        "persons, especially in exchanging information on how resources and staff can be used for reintegration "
        "services;\n"
        "3) enabling residents, especially those at risk of social exclusion, to seek innovative solutions to "
        "their own problems in employment, education and culture, and family and neighbourhood life, using the "
        "possibilities of social employment entities;\n"
        "4) encouraging residents to take part in co-creating, implementing and monitoring local social policy, "
        "especially in social consultations and various forms of social dialogue.",
    ),
    Clause(
        "§ 2",
        "1. Sygnatariusze Paktu deklarują, iż każdy w ramach swojej statutowej działalności i kompetencji będzie "
        "podejmował działania na rzecz promowania i rozwoju systemu usług reintegracji społecznej i zawodowej "
        "na obszarze administracyjnym Gminy, a także poza jej granicami.\n"
        "2. Sygnatariusze Paktu, uznając, że lepsze rezultaty osiąga się poprzez współdziałanie, deklarują wolę "
        "lokalnej współpracy, szczególnie poprzez:\n"
        "– uznanie konieczności działania jednego ośrodka koordynacyjnego z funkcją konsultacyjno-doradczą dla "
        "Władz Gminy, który zwany będzie Zespołem Synergii Lokalnej, w którego skład oddelegowani zostaną na "
        "zasadzie dobrowolności decyzji o udziale w pracach przedstawiciele Sygnatariuszy,\n"
        "– uznanie, że instytucją wiodącą w powołaniu pierwszego składu Zespołu Synergii Lokalnej będzie Rada "
        "Miejska oraz że wykonywanie zadań w ramach tego zespołu będzie nieodpłatne, społecznie potrzebne "
        "i nacechowane misją solidarności społecznej,\n"
        "– wspieranie swoją wiedzą, dostępnymi zasobami oraz potencjałem organizacyjnym przyjętych form rozwoju "
        "usług reintegracji społecznej i zawodowej,\n"
        "– dążenie do wpisania usług reintegracji społecznej i zawodowej jako niezbędnego elementu lokalnych "
        "strategii rozwoju, w tym szczególnie strategii rozwiązywania problemów społecznych.",
        "1. Each signatory declares that, within its statutory activity and competences, it will act to promote "
        "and develop the system of social and vocational reintegration services in the gmina and beyond its "
        "borders.\n"
        "2. Recognising that better results come from acting together, the signatories declare their will to "
        "cooperate locally, especially by:\n"
        "– recognising the need for one coordination centre with a consultative and advisory function for the "
        "gmina authorities, called the Local Synergy Team, to which the signatories' representatives are "
        "delegated by a voluntary decision to take part;\n"
        "– recognising that the lead institution in appointing the first composition of the Local Synergy Team "
        "is the City Council, and that work in the team is unpaid, socially necessary and marked by a mission "
        "of social solidarity;\n"
        "– supporting the adopted forms of reintegration services with their knowledge, resources and "
        "organisational potential;\n"
        "– striving to write reintegration services into local development strategies as a necessary element, "
        "especially into the strategy for solving social problems.",
    ),
    Clause(
        "§ 3",
        "Sygnatariusze Paktu, uznając usługi reintegracji społecznej i zawodowej jako element pomocy i wsparcia "
        "dla osób i rodzin zagrożonych wykluczeniem społecznym, będą w ramach swojej działalności statutowej "
        "i kompetencji udzielać:\n"
        "1) pomocy w organizowaniu zajęć dla osób i rodzin objętych indywidualnymi programami zatrudnienia "
        "socjalnego oraz kontraktami socjalnymi, szczególnie w formie stosowania preferencyjnych warunków "
        "korzystania z zasobów instytucjonalnych, w takich sferach jak: kultura, oświata i edukacja, sport "
        "i wypoczynek,\n"
        "2) wsparcia doradczo-konsultacyjnego przy opracowywaniu i organizowaniu merytorycznych programów zajęć "
        "dla osób i rodzin objętych indywidualnymi programami zatrudnienia socjalnego i kontraktami socjalnymi,\n"
        "3) wsparcia w poszukiwaniu źródeł finansowych dla wspólnych przedsięwzięć organizacyjnych służących "
        "rozwojowi form i zajęć w ramach reintegracji społecznej i zawodowej,\n"
        "a także współuczestniczyć w zajęciach merytorycznych organizowanych w ramach usług reintegracji "
        "społecznej i zawodowej w miarę posiadanej wiedzy, doświadczenia i umiejętności.",
        "Recognising reintegration services as part of assistance and support for persons and families at risk "
        "of social exclusion, the signatories will, within their statutory activity and competences, provide:\n"
        "1) help in organising classes for persons and families covered by individual social employment "
        "programmes and social contracts, especially through preferential conditions for using institutional "
        "resources in culture, schooling and education, sport and recreation;\n"
        "2) advisory and consultative support in drafting and organising class programmes for persons and "
        "families covered by individual social employment programmes and social contracts;\n"
        "3) support in seeking funding for joint undertakings developing forms and classes of social and "
        "vocational reintegration;\n"
        "and will take part in classes organised within reintegration services as far as their knowledge, "
        "experience and skills allow.",
    ),
    Clause(
        "§ 4",
        "1. Sygnatariusze Paktu uznają, że ma on charakter otwarty, co oznacza, że w każdej chwili lista stron "
        "uczestniczących w jego wdrażaniu i realizacji może zostać powiększona o nowe instytucje, podmioty "
        "i osoby prywatne, a także że każdy z Sygnatariuszy może podjąć decyzję o wystąpieniu z Paktu.\n"
        "2. Sygnatariusze Paktu uznają, że jedynym wyznacznikiem przystąpienia do Paktu jest uznanie roli usług "
        "reintegracji społecznej i zawodowej w systemie przeciwdziałania wykluczeniu społecznemu, chęć "
        "partnerskiej współpracy na rzecz poprawy sytuacji osób i rodzin zagrożonych ryzykiem marginalizacji "
        "oraz wola udostępnienia swojego potencjału kadrowego i organizacyjno-technicznego dla programów "
        "zatrudnienia socjalnego.",
        "1. The signatories recognise that the Pact is open: new institutions, entities and private persons may "
        "join the list of parties at any time, and each signatory may decide to withdraw from the Pact.\n"
        "2. The only criterion for joining is recognising the role of reintegration services in counteracting "
        "social exclusion, wanting partnership cooperation to improve the situation of persons and families at "
        "risk of marginalisation, and being willing to make one's staff and organisational and technical "
        "potential available to social employment programmes.",
    ),
    Clause(
        "§ 5",
        "Sygnatariusze Paktu uznają, że:\n"
        "1) przystąpienie oraz udział w nim nie powodują powstania zobowiązań finansowych, a jeśli takowe "
        "miałyby powstać, muszą zostać potwierdzone stosownymi, odrębnymi umowami i porozumieniami,\n"
        "2) przystąpienie oraz udział w nim nie powodują powstania przeszkód i barier we współpracy w innych "
        "obszarach życia społeczno-gospodarczego.\n"
        "Pakt zostaje zawarty na czas nieokreślony.\n"
        "Pakt może zostać rozwiązany tylko w przypadku, kiedy liczba czynnych Sygnatariuszy będzie mniejsza "
        "niż trzech.",
        "The signatories recognise that:\n"
        "1) joining and taking part create no financial obligations; any that arise must be confirmed by "
        "separate agreements;\n"
        "2) joining and taking part create no obstacles or barriers to cooperation in other areas of social "
        "and economic life.\n"
        "The Pact is concluded for an indefinite period.\n"
        "The Pact may be dissolved only when the number of active signatories is fewer than three.",
    ),
    Clause(
        "§ 6",
        "Pakt na rzecz Modelu Lokalnej Współpracy został podpisany przez przedstawicieli następujących "
        "Sygnatariuszy, których imienna lista i podpisy stanowią załącznik do niego.",
        "The Pact for the Local Cooperation Model was signed by the representatives of the following "
        "signatories, whose named list and signatures form its annex.",
    ),
    Clause(
        "§ 7",
        "Pakt został sporządzony w liczbie egzemplarzy:\n"
        "Oryginał Paktu — 1 egzemplarz, przechowywany w Urzędzie Miejskim,\n"
        "Kopie — w liczbie odpowiadającej imiennej liście Sygnatariuszy.\n"
        "Załącznik: Lista imienna Sygnatariuszy MLW.",
        "The Pact was drawn up in the following number of copies:\n"
        "Original — 1 copy, kept at the Municipal Office;\n"
        "Copies — as many as there are names on the list of signatories.\n"
        "Annex: the named list of MLW signatories.",
    ),
)
