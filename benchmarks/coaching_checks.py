"""Benchmark: the outreach check of a 150-word draft, and the check of a 10-question set.

Goal: a median under 2 ms for each, so the forms can check on every keystroke.
Prints each median, the 95th percentile, and the ratio of the goal to the median
(above 1 means the goal is met). The rules are read once before timing, as in a form.

    .venv/bin/python benchmarks/coaching_checks.py [--calls N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from infoview_lib.coach.outreach import OutreachContext, check_outreach, outreach_rules
from infoview_lib.coach.questions import check_question_set, question_rules

GOAL_MS = 2.0
DRAFT = """Dear Ms. D'Arcy,

My name is Siobhán Ní Bhriain, and I'm a second-year journalism student at Westbrook
University, where you graduated in 2014. We studied your series on the county water
contracts in JOUR 210, and I was struck by how you followed the paper trail for eight
months, and by how clearly you explained the contracts to readers who had never seen one.

I'm trying to understand how reporters move into long-form investigative work, what
skills matter most in the first years, and how you decide which stories deserve months
of your time, and what you look for in a lead when you start. I would love to hear your
story, and any advice you would give someone starting out in a newsroom today, maybe an
internship? Would you have 20 minutes for a call or a coffee in the next few weeks, at
whatever time suits you best?

Thank you for considering it,
Siobhán Ní Bhriain
"""
QUESTIONS = [
    "What trends are changing investigative journalism right now?",
    "Can you tell me about your career path?",
    "How did you enter the field?",
    "Do you like your job?",
    "What do you find challenging and rewarding about your work?",
    "What prepared you most for your current position?",
    "What does your newspaper do?",
    "What is it like working for your organization?",
    "What advice would you give someone starting out?",
    "Is there anyone else that you think I should talk to?",
]
CONTEXT = OutreachContext(
    student="Siobhán Ní Bhriain", contact="Renée D'Arcy", organisation="The Harbour Ledger"
)


def median_ms(call: Callable[[], object], calls: int) -> tuple[float, float]:
    """The median and 95th percentile of ``calls`` timed calls, in milliseconds."""
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1_000, help="timed calls per check")
    calls = parser.parse_args().calls
    outreach_rules(), question_rules()  # read the data files once, as a form does
    counted = check_outreach(DRAFT).words  # greeting and body; the signature is not counted
    print(f"draft: {counted} words; question set: {len(QUESTIONS)} questions")
    results = {
        "outreach check (150-word draft)": median_ms(
            lambda: check_outreach(DRAFT, subject="Your reporting at the Ledger", context=CONTEXT),
            calls,
        ),
        "question set check (10 questions)": median_ms(
            lambda: check_question_set(QUESTIONS, minutes=30), calls
        ),
    }
    met = True
    for name, (median, p95) in results.items():
        ratio = GOAL_MS / median
        met = met and ratio > 1
        print(
            f"{name}: median {median:.3f} ms, p95 {p95:.3f} ms over {calls} calls; "
            f"goal {GOAL_MS:.0f} ms; goal/median = {ratio:.1f}x"
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
