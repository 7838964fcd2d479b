"""The student who owns the workbook, and the people they may talk to."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from infoview_lib.model.choices import ContactCategory, PipelineStatus, Priority
from infoview_lib.model.labels import label
from infoview_lib.model.validation import LONG_TEXT, NAME_TEXT, checking

GRADUATION_YEARS = (1950, 2100)


@dataclass(frozen=True, kw_only=True, slots=True)
class StudentProfile:
    """Who the workbook belongs to.

    >>> StudentProfile(name="Ana Lima", target_fields="public health, biotech").target_fields
    ('public health', 'biotech')
    """

    name: str = dataclasses.field(metadata=label("Your name", named="Name"))
    email: str = dataclasses.field(default="", metadata=label("Your email", named="Email"))
    program: str = dataclasses.field(
        default="", metadata=label("Programme", example="e.g. second-year biology")
    )
    graduation_year: int | None = dataclasses.field(
        default=None, metadata=label("Graduation year", example="e.g. 2028")
    )
    target_fields: tuple[str, ...] = dataclasses.field(
        default=(),
        metadata=label(
            "Fields to explore",
            example="separate them with commas, e.g. public health, genomics",
            named="Target fields",
        ),
    )

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.text("name", required="enter your name.", max_length=NAME_TEXT)
            check.email("email")
            check.text("program")
            low, high = GRADUATION_YEARS
            check.integer("graduation_year", low=low, high=high, why=", as four digits")
            check.text_list("target_fields", max_items=10, max_length=80)


@dataclass(frozen=True, kw_only=True, slots=True)
class Contact:
    """A person the student could talk to, and how far things have gone.

    >>> Contact(name="Zoë O'Brien", category="family friend").category.label
    'Family friend'
    """

    id: int | None = None
    name: str = dataclasses.field(metadata=label("Full name", example="e.g. Dr. Wei Ng"))
    category: ContactCategory = dataclasses.field(
        default=ContactCategory.OTHER, metadata=label("Where they come from")
    )
    organisation: str = dataclasses.field(
        default="", metadata=label("Organisation", example="e.g. Riverside Clinic")
    )
    role: str = dataclasses.field(
        default="", metadata=label("Role", example="e.g. Senior Epidemiologist")
    )
    field: str = dataclasses.field(
        default="", metadata=label("Field", example="e.g. public health")
    )
    connection: str = dataclasses.field(
        default="",
        metadata=label(
            "How you know them", example="e.g. my internship manager; met at the alumni evening"
        ),
    )
    email: str = dataclasses.field(
        default="", metadata=label("Email", example="e.g. wei.ng@example.org")
    )
    linkedin_url: str = dataclasses.field(
        default="",
        metadata=label("LinkedIn URL", example="e.g. https://www.linkedin.com/in/wei-ng"),
    )
    phone: str = dataclasses.field(
        default="", metadata=label("Phone", example="e.g. +1 555 010 7788")
    )
    notes: str = dataclasses.field(default="", metadata=label("Notes", multiline=True))
    priority: Priority = dataclasses.field(default=Priority.MEDIUM, metadata=label("Your priority"))
    status: PipelineStatus = dataclasses.field(
        default=PipelineStatus.IDENTIFIED, metadata=label("Status")
    )
    referred_by: int | None = dataclasses.field(default=None, metadata=label("Referred by"))

    def __post_init__(self) -> None:
        with checking(self) as check:
            check.record_id("id")
            check.text("name", required="enter the person's full name.", max_length=NAME_TEXT)
            check.choice("category", ContactCategory)
            check.text("organisation")
            check.text("role")
            check.text("field")
            check.text("connection", max_length=500)
            check.email("email")
            check.url(
                "linkedin_url",
                host="linkedin.com",
                example="their profile address, like https://www.linkedin.com/in/their-name",
            )
            check.phone("phone")
            check.text("notes", max_length=LONG_TEXT, multiline=True)
            check.choice("priority", Priority)
            check.choice("status", PipelineStatus)
            check.record_id("referred_by")
            check.require(
                self.id is None or self.referred_by != self.id,
                "referred_by",
                f"{check.name('referred_by')} cannot be the contact themself: "
                "pick who told you about them.",
            )
