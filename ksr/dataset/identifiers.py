"""Valid Polish identifiers with their check digits, and plausible Polish names."""

from __future__ import annotations

import datetime as dt
import random

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
REGON_WEIGHTS = (8, 9, 2, 3, 4, 5, 6, 7)
PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)


class Identifiers:
    """Unique NIP, REGON, KRS and PESEL numbers drawn from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _unique(self, make: object) -> str:
        while True:
            value = make()  # type: ignore[operator]  # a zero-argument maker
            if value is not None and value not in self.used:
                self.used.add(value)
                return str(value)

    def nip(self) -> str:
        def make() -> str | None:
            digits = [self.rng.randint(1, 9), *(self.rng.randint(0, 9) for _ in range(8))]
            check = sum(w * d for w, d in zip(NIP_WEIGHTS, digits, strict=True)) % 11
            return None if check == 10 else "".join(map(str, digits)) + str(check)

        return self._unique(make)

    def regon(self) -> str:
        def make() -> str:
            digits = [self.rng.randint(0, 9) for _ in range(8)]
            digits[0] = self.rng.randint(1, 9)
            check = sum(w * d for w, d in zip(REGON_WEIGHTS, digits, strict=True)) % 11 % 10
            return "".join(map(str, digits)) + str(check)

        return self._unique(make)

    def krs(self) -> str:
        return self._unique(lambda: f"{self.rng.randint(1, 999_999):010d}")

    def pesel(self, birth: dt.date, male: bool) -> str:
        month = birth.month + {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[birth.year // 100]

        def make() -> str:
            serial = f"{self.rng.randint(0, 999):03d}"
            sex = self.rng.choice("13579" if male else "02468")
            body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{serial}{sex}"
            check = (10 - sum(w * int(d) for w, d in zip(PESEL_WEIGHTS, body, strict=True)) % 10) % 10
            return body + str(check)

        return self._unique(make)


MALE_FIRST = [
    "Adam",
    "Andrzej",
    "Bartosz",
    "Dariusz",
    "Grzegorz",
    "Jakub",
    "Jan",
    "Janusz",
    "Jerzy",
    "Kamil",
    "Krzysztof",
    "Łukasz",
    "Marcin",
    "Marek",
    "Mateusz",
    "Michał",
    "Paweł",
    "Piotr",
    "Rafał",
    "Robert",
    "Stanisław",
    "Tadeusz",
    "Tomasz",
    "Wojciech",
    "Zbigniew",
]
FEMALE_FIRST = [
    "Agnieszka",
    "Aleksandra",
    "Alicja",
    "Anna",
    "Barbara",
    "Beata",
    "Danuta",
    "Dorota",
    "Ewa",
    "Grażyna",
    "Halina",
    "Irena",
    "Joanna",
    "Justyna",
    "Katarzyna",
    "Krystyna",
    "Magdalena",
    "Małgorzata",
    "Maria",
    "Marta",
    "Monika",
    "Natalia",
    "Renata",
    "Teresa",
    "Zofia",
]
SURNAMES = [
    "Nowak",
    "Kowalsk",
    "Wiśniewsk",
    "Wójcik",
    "Kowalczyk",
    "Kamińsk",
    "Lewandowsk",
    "Zielińsk",
    "Szymańsk",
    "Woźniak",
    "Dąbrowsk",
    "Kozłowsk",
    "Jankowsk",
    "Mazur",
    "Kwiatkowsk",
    "Krawczyk",
    "Piotrowsk",
    "Grabowsk",
    "Nowakowsk",
    "Pawłowsk",
    "Michalsk",
    "Król",
    "Wieczorek",
    "Jabłońsk",
    "Wróbel",
    "Majewsk",
    "Olszewsk",
    "Stępień",
    "Malinowsk",
    "Jaworsk",
    "Adamczyk",
    "Dudek",
    "Nowicki",
    "Pawlak",
]


def surname(stem: str, male: bool) -> str:
    if stem.endswith("sk"):
        return stem + ("i" if male else "a")
    return stem


def full_name(rng: random.Random, male: bool | None = None) -> tuple[str, str, bool]:
    male = rng.random() < 0.5 if male is None else male
    first = rng.choice(MALE_FIRST if male else FEMALE_FIRST)
    return first, surname(rng.choice(SURNAMES), male), male
