"""Access provisions: the fixed vocabulary every festival shares, plus each festival's own.

A provision is a short code ("step-free"), a plain-language label and a one-line explanation.
Rooms hold what the building gives; sessions what the organisers arrange. Both store codes,
so the same words are ticked as access needs by the people who book.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models


@dataclass(frozen=True)
class Provision:
    code: str
    label: str
    explanation: str
    of_building: bool = False
    """True for what a room holds (the building gives it), False for what organisers arrange."""


STANDARD_PROVISIONS: tuple[Provision, ...] = (
    Provision(
        "step-free",
        "Step-free access",
        "You can get in and around without steps: level or ramped routes and lifts.",
        of_building=True,
    ),
    Provision(
        "hearing-loop",
        "Hearing loop",
        "An induction loop for hearing aids set to T.",
        of_building=True,
    ),
    Provision(
        "bsl",
        "British Sign Language interpretation",
        "A BSL interpreter is there for the whole session.",
    ),
    Provision(
        "captions", "Live captions", "What is said is shown as text on a screen as it is said."
    ),
    Provision(
        "quiet-space",
        "Quiet space nearby",
        "A calm room close by where you can take a break at any time.",
        of_building=True,
    ),
    Provision(
        "relaxed",
        "Relaxed session",
        "Moving around, coming and going and making noise are all welcome.",
    ),
    Provision(
        "seating",
        "Seating available throughout",
        "There is a seat for everyone for the whole session.",
        of_building=True,
    ),
    Provision("large-print", "Large-print materials", "Handouts and slides come in large print."),
    Provision("online", "Can be joined online", "You can take part from home over the internet."),
)

STANDARD_CODES = frozenset(provision.code for provision in STANDARD_PROVISIONS)
BUILDING_PROVISIONS = tuple(provision for provision in STANDARD_PROVISIONS if provision.of_building)


def validate_standard_building_codes(codes: object) -> None:
    """A room's provisions: a list of the standard vocabulary's codes."""
    if not isinstance(codes, list) or not all(code in STANDARD_CODES for code in codes):
        raise ValidationError(
            "Choose a room's provisions from the standard list: "
            + ", ".join(sorted(STANDARD_CODES))
            + "."
        )


class AccessProvision(models.Model):
    """A provision a festival adds to the standard vocabulary, e.g. "Audio description"."""

    festival = models.ForeignKey(
        "festival.Festival", on_delete=models.CASCADE, related_name="access_provisions"
    )
    code = models.SlugField(
        max_length=40,
        # Lower case only: filters and the spreadsheet match codes exactly, and "Step-Free"
        # must never pass for the standard "step-free".
        validators=[
            RegexValidator(
                r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z",
                "Use lower-case letters, digits and single hyphens, e.g. audio-description.",
            )
        ],
        help_text="Short, lower case, with hyphens, e.g. audio-description. Used in the "
        "programme spreadsheet's access column and in filter addresses.",
    )
    label = models.CharField(max_length=100, help_text="In plain words, e.g. Audio description.")
    explanation = models.CharField(max_length=300, help_text="One line saying what it means.")

    class Meta:
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(
                "festival",
                "code",
                name="access_provision_code_unique_per_festival",
                violation_error_message="This festival already has a provision with this code.",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.code in STANDARD_CODES:
            raise ValidationError(
                {
                    "code": f"“{self.code}” is one of the standard provisions already: choose "
                    "another code."
                }
            )

    def as_provision(self) -> Provision:
        return Provision(self.code, self.label, self.explanation)
