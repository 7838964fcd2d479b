"""A made-up LinkedIn export of any size, in today's layout: fictional people only.

Names are unique (50 first names times 100 last names), every profile address too; every
tenth row has an email, every 250th is a member who hides their details (only a date).
"""

from __future__ import annotations

from datetime import date, timedelta

FIRST = [
    "Ada",
    "Bea",
    "Cai",
    "Dev",
    "Eli",
    "Fen",
    "Gia",
    "Hal",
    "Ivo",
    "Jun",
    "Kai",
    "Lia",
    "Mo",
    "Noa",
    "Oli",
    "Pia",
    "Qin",
    "Rae",
    "Sol",
    "Teo",
    "Uma",
    "Vik",
    "Wren",
    "Xia",
    "Yan",
    "Zed",
    "Amir",
    "Bo",
    "Cleo",
    "Dina",
    "Emre",
    "Farah",
    "Gus",
    "Hana",
    "Ines",
    "Joon",
    "Kofi",
    "Lupe",
    "Mina",
    "Nils",
    "Omar",
    "Pema",
    "Ravi",
    "Saba",
    "Tariq",
    "Una",
    "Vera",
    "Wim",
    "Yuki",
    "Zara",
]
LAST = [
    f"{stem}{ending}"
    for stem in (
        "Abara",
        "Berg",
        "Costa",
        "Dube",
        "Eze",
        "Fonseca",
        "Gill",
        "Haas",
        "Iqbal",
        "Juarez",
    )
    for ending in ("", "son", "ski", "ova", "ley", "er", "ini", "ez", "man", "ton")
]
COMPANIES = (
    "Helix Bio",
    "Riverside Clinic",
    "Harbor Health",
    "Northfield University",
    "Cedar Analytics",
    "Bayview Hospital",
    "Lakeside Labs",
    "Greenway Foods",
)
POSITIONS = (
    "Research Analyst",
    "Nurse Practitioner",
    "Data Scientist",
    "Lab Manager",
    "Epidemiologist",
    "Professor",
    "Pharmacist",
    "Programme Officer",
)
NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n\n'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
HIDDEN_EVERY = 250


def many_connections(count: int = 5_000) -> bytes:
    """A ``Connections.csv`` of ``count`` rows (at most 5,000), as LinkedIn writes it."""
    lines = [NOTES, HEADER]
    start = date(2026, 1, 1)
    for index in range(count):
        day = (start - timedelta(days=index % 3000)).strftime("%d %b %Y")
        if index % HIDDEN_EVERY == HIDDEN_EVERY - 1:
            lines.append(f",,,,,,{day}\n")
            continue
        first, last = FIRST[index % len(FIRST)], LAST[index // len(FIRST) % len(LAST)]
        url = f"https://www.linkedin.com/in/{first.lower()}-{last.lower()}-{index:05d}"
        email = f"{first.lower()}.{last.lower()}@example.org" if index % 10 == 0 else ""
        company, position = COMPANIES[index % 8], POSITIONS[index // 8 % 8]
        lines.append(f"{first},{last},{url},{email},{company},{position},{day}\n")
    return "".join(lines).encode("utf-8")


def hidden_rows(count: int = 5_000) -> int:
    """How many of :func:`many_connections`'s rows are hidden members."""
    return count // HIDDEN_EVERY
