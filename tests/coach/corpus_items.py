"""The coaching evaluation corpus: reading it, splitting it by source, and scoring a check.

Items are quoted from public career guides (``tests/coach/corpus/README.md``). The split
into a development part and a test part is by the source's site: all items of one site
are in the same part, chosen by a stable hash of its domain, so the test part's figure
says how the checks do on guides they were never tuned on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from infoview_lib.coach.findings import Severity
from infoview_lib.coach.outreach import check_outreach
from infoview_lib.coach.questions import check_question

CORPUS = Path(__file__).resolve().parent / "corpus"
KINDS = ("question", "message", "subject", "sentence")
LABELS = ("good", "bad")
CHANNELS = ("email", "linkedin", "phone")
#: Of every ten source sites, how many go to the test part.
TEST_SHARE = 4

#: An otherwise good email, for checking a subject line or one sentence inside it; it
#: passes the outreach check on its own (a test says so).
HOST_SUBJECT = "Westbrook biology student hoping to learn about your work in epidemiology"
HOST_BEFORE = (
    "Dear Dr. Ng,\n\n"
    "My name is Ana Lima, and I am a third-year biology student at Westbrook University. "
    "Professor Kim suggested I reach out to you. I am exploring careers in public health and "
    "would love to learn how you moved from research into field epidemiology."
)
HOST_AFTER = (
    "Would you have 20 minutes for a call in the next few weeks, at a time that suits you?"
    "\n\nThank you for considering it,\nAna Lima\n"
)


@dataclass(frozen=True)
class Item:
    """One quoted item, its source's label and reason, and the part it is in."""

    text: str
    kind: str
    label: str
    source: str
    reason: str
    channel: str = "email"
    subject: str | None = None
    file: str = ""
    #: Why it is not scored: its source's label goes against the client's guide, which is
    #: the authority (a source that recommends asking about pay, say).
    excluded: str | None = None

    @property
    def site(self) -> str:
        """The source's domain, without ``www.``; on GitHub, the repository (or gist's
        owner), since one domain holds many unrelated authors."""
        parts = urlsplit(self.source)
        host = (parts.hostname or "").removeprefix("www.").rstrip(".")
        if host in {"github.com", "gist.github.com", "raw.githubusercontent.com"}:
            owner_repo = [piece for piece in parts.path.split("/") if piece][:2]
            return "/".join([host, *owner_repo])
        return host

    @property
    def part(self) -> str:
        """``dev`` or ``test``, by a stable hash of the source's site."""
        digest = hashlib.sha256(self.site.encode()).digest()
        return "test" if digest[0] % 10 < TEST_SHARE else "dev"

    @property
    def check(self) -> str:
        """Which check scores it: ``questions`` or ``outreach``."""
        return "questions" if self.kind == "question" else "outreach"


def sentence_host(sentence: str) -> str:
    """The host email with ``sentence`` inside it, before the ask."""
    return f"{HOST_BEFORE} {sentence.strip()} {HOST_AFTER}"


def load(folder: Path = CORPUS, *, scored: bool = True) -> list[Item]:
    """Every item of every ``*.yaml`` file in ``folder``, checked for its fields; with
    ``scored``, only those that are scored (not ``excluded``)."""
    items: list[Item] = []
    for path in sorted(folder.glob("*.yaml")):
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(entries, list):
            raise ValueError(f"{path.name}: the file must be a list of items")
        for number, entry in enumerate(entries, start=1):
            items.append(_item(entry, f"{path.name} item {number}"))
    return [item for item in items if not (scored and item.excluded)]


def _item(entry: object, where: str) -> Item:
    if not isinstance(entry, dict):
        raise ValueError(f"{where}: an item is a mapping")
    fields = {"text", "kind", "label", "source", "reason", "channel", "subject", "excluded"}
    unknown = set(entry) - fields
    if unknown:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)}")
    for name in ("text", "kind", "label", "source", "reason"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise ValueError(f"{where}: {name!r} must be a non-empty text")
    item = Item(
        text=entry["text"].strip(),
        kind=entry["kind"],
        label=entry["label"],
        source=entry["source"].strip(),
        reason=entry["reason"].strip(),
        channel=entry.get("channel") or "email",
        subject=entry.get("subject"),
        file=where.split(" item ")[0],
        excluded=entry.get("excluded"),
    )
    if item.kind not in KINDS or item.label not in LABELS or item.channel not in CHANNELS:
        raise ValueError(f"{where}: kind, label or channel is not one of {KINDS, LABELS, CHANNELS}")
    if not item.source.startswith(("https://", "http://")) or not item.site:
        raise ValueError(f"{where}: the source must be a web address")
    return item


def flagged(item: Item) -> bool:
    """Whether the check says "revise" for the item, checked as a student would use it.

    A guide's template keeps its blanks ([Name], ____) for the reader to fill in, and a
    guide that quotes an email's body often leaves its subject line out: neither is what
    the guide labels, so the blank rule does not count here, nor a missing subject when
    the source gives none.
    """
    if item.kind == "question":
        return check_question(item.text).verdict == "revise"
    if item.kind == "message":
        subject = item.subject if item.channel == "email" else None
        channel = "script" if item.channel == "phone" else item.channel  # infoview's name
        findings = check_outreach(item.text, channel=channel, subject=subject).findings
    elif item.kind == "subject":
        findings = check_outreach(sentence_host(""), subject=item.text).findings
    else:
        findings = check_outreach(sentence_host(item.text), subject=HOST_SUBJECT).findings
    not_labelled = {"placeholder", "subject_missing"}
    return any(
        finding.severity is Severity.PROBLEM and finding.rule not in not_labelled
        for finding in findings
    )


@dataclass(frozen=True)
class Score:
    """Confusion counts of a check on some items ("bad" is the positive class)."""

    caught: int  # bad, flagged
    missed: int  # bad, passed
    passed: int  # good, passed
    wrongly_flagged: int  # good, flagged

    @property
    def balanced_accuracy(self) -> float | None:
        """The mean of the share of bad items flagged and of good items passed (None
        without both: a part with no bad item says nothing of what is caught)."""
        bad = self.caught + self.missed
        good = self.passed + self.wrongly_flagged
        if not bad or not good:
            return None
        return (self.caught / bad + self.passed / good) / 2


def score(items: Iterable[Item], judge: Callable[[Item], bool] = flagged) -> Score:
    """Confusion counts of ``judge`` (default: the real check) on ``items``."""
    counts = {"caught": 0, "missed": 0, "passed": 0, "wrongly_flagged": 0}
    for item in items:
        said_revise = judge(item)
        if item.label == "bad":
            counts["caught" if said_revise else "missed"] += 1
        else:
            counts["wrongly_flagged" if said_revise else "passed"] += 1
    return Score(**counts)


def misses(items: Iterable[Item], judge: Callable[[Item], bool] = flagged) -> Iterator[Item]:
    """The items ``judge`` gets wrong."""
    for item in items:
        if judge(item) != (item.label == "bad"):
            yield item
