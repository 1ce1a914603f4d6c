"""The target groups of social employment (UZS art. 1 ust. 2) and the KIS "profile III" group.

The seeds do not list the categories of UZS art. 1 ust. 2 (the KSR publications do not list them); the
names follow the act (ustawa z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym). The list is
configurable: administrators may add categories or deactivate them when the act changes.
Profile III follows Model KSR, II.4, operational assumptions.
"""

from django.db import migrations

CATEGORIES = [
    (
        "homeless",
        "osoby bezdomne realizujące indywidualny program wychodzenia z bezdomności",
        "art. 1 ust. 2 pkt 1 ustawy o zatrudnieniu socjalnym",
        "W rozumieniu przepisów o pomocy społecznej.",
    ),
    (
        "alcohol_after_therapy",
        "osoby uzależnione od alkoholu po zakończeniu programu psychoterapii w zakładzie lecznictwa odwykowego",
        "art. 1 ust. 2 pkt 2 ustawy o zatrudnieniu socjalnym",
        "",
    ),
    (
        "drugs_after_therapy",
        "osoby uzależnione od narkotyków lub innych środków odurzających po zakończeniu programu terapeutycznego",
        "art. 1 ust. 2 pkt 3 ustawy o zatrudnieniu socjalnym",
        "Po zakończeniu programu terapeutycznego w zakładzie opieki zdrowotnej.",
    ),
    (
        "mentally_ill",
        "osoby chore psychicznie",
        "art. 1 ust. 2 pkt 4 ustawy o zatrudnieniu socjalnym",
        "W rozumieniu przepisów o ochronie zdrowia psychicznego.",
    ),
    (
        "long_term_unemployed",
        "osoby długotrwale bezrobotne",
        "art. 1 ust. 2 pkt 5 ustawy o zatrudnieniu socjalnym",
        "W rozumieniu przepisów o promocji zatrudnienia i instytucjach rynku pracy.",
    ),
    (
        "released_from_prison",
        "osoby zwalniane z zakładów karnych, mające trudności w integracji ze środowiskiem",
        "art. 1 ust. 2 pkt 6 ustawy o zatrudnieniu socjalnym",
        "W rozumieniu przepisów o pomocy społecznej.",
    ),
    (
        "refugees",
        "uchodźcy realizujący indywidualny program integracji",
        "art. 1 ust. 2 pkt 7 ustawy o zatrudnieniu socjalnym",
        "W rozumieniu przepisów o pomocy społecznej.",
    ),
    (
        "disabled",
        "osoby niepełnosprawne",
        "art. 1 ust. 2 pkt 8 ustawy o zatrudnieniu socjalnym",
        "W rozumieniu przepisów o rehabilitacji zawodowej i społecznej oraz zatrudnianiu osób niepełnosprawnych.",
    ),
    (
        "profile_iii",
        "klienci III profilu systemu administracji pracy",
        "model KSR (profil III klientów PUP)",
        "Osoby doświadczające głębokiej deprywacji w postaci współwystępujących czynników odpowiedzialnych za "
        "wykluczenie społeczne w obszarze zasobów, świadomości uprawnień i umiejętności korzystania z nich oraz "
        "uczestnictwa w życiu społecznym (kontaktu z instytucjami życia społecznego i stabilności instytucji "
        "przez nie tworzonych, w sensie socjologicznym).",
    ),
]


def seed(apps, schema_editor):
    EligibilityCategory = apps.get_model("cases", "EligibilityCategory")
    for order, (code, name, reference, description) in enumerate(CATEGORIES, start=1):
        EligibilityCategory.objects.update_or_create(
            code=code,
            defaults={"name": name, "legal_reference": reference, "description": description, "order": order},
        )


def unseed(apps, schema_editor):
    EligibilityCategory = apps.get_model("cases", "EligibilityCategory")
    EligibilityCategory.objects.filter(code__in=[c[0] for c in CATEGORIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_participant_profile_eligibility_referrals_follow_ups")]

    operations = [migrations.RunPython(seed, unseed)]
