from django.conf import settings
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import PlacementQuerySet

reference_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
    _("Use letters, digits, dots, dashes or underscores (at most 40)."),
)


class Child(models.Model):
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)

    class Meta:
        ordering = ["first_name", "last_name"]
        verbose_name = _("child")
        verbose_name_plural = _("children")

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip()

    def clean(self):
        super().clean()
        from core.plausible import check_in_window, window

        check_in_window(
            self.birth_date, window("birth_date", today=timezone.localdate()), "birth_date"
        )

    def age_on(self, day):
        if self.birth_date is None:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class Variant(models.TextChoices):
    HULPVERLENING = "hulpverlening", _("Hulpverleningsvariant")
    OPVOEDING = "opvoeding", _("Opvoedingsvariant")


class EndReason(models.TextChoices):
    """Why a placement ended: planned endings first, then the early ones (breakdown)."""

    RETURN_HOME = "return_home", _("Return home (planned)")
    OTHER_FAMILY = "other_family", _("To another family or setting (planned)")
    INDEPENDENCE = "independence", _("Independence (planned)")
    ADOPTION = "adoption", _("Adoption (planned)")
    FOSTER_FAMILY_STOPS = "foster_family_stops", _("The foster family stops (early)")
    CHILD_BEHAVIOUR = "child_behaviour", _("The child's behaviour (early)")
    PARENTS = "parents", _("The parents (early)")
    NO_MATCH = "no_match", _("The match did not work (early)")
    OTHER_EARLY = "other_early", _("Other early ending")


# The reasons the sources count as an early ending (breakdown, "voortijdige beëindiging").
EARLY_END_REASONS = frozenset(
    {
        EndReason.FOSTER_FAMILY_STOPS,
        EndReason.CHILD_BEHAVIOUR,
        EndReason.PARENTS,
        EndReason.NO_MATCH,
        EndReason.OTHER_EARLY,
    }
)


class Placement(models.Model):
    class CareKind(models.TextChoices):
        NETWERK = "netwerk", _("Network foster care (netwerkpleegzorg)")
        BESTAND = "bestand", _("Regular foster care (bestandspleegzorg)")
        CRISIS = "crisis", _("Crisis foster care")
        DEELTIJD = "deeltijd", _("Part-time foster care (deeltijdpleegzorg)")

    class LegalFrame(models.TextChoices):
        VOLUNTARY = "vrijwillig", _("Voluntary")
        OTS = "ots", _("OTS (supervision order)")
        VOOGDIJ = "voogdij", _("Voogdij (guardianship)")

    reference = models.CharField(
        _("reference"), max_length=40, unique=True, validators=[reference_validator]
    )
    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="placements"
    )
    variant = models.CharField(
        _("variant"), max_length=20, choices=Variant.choices, default=Variant.HULPVERLENING
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    end_reason_kind = models.CharField(
        _("kind of ending"), max_length=30, choices=EndReason.choices, blank=True
    )
    end_reason = models.TextField(
        _("reason for ending"),
        blank=True,
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
    )
    care_kind = models.CharField(
        _("kind of foster care"), max_length=20, choices=CareKind.choices, default=CareKind.BESTAND
    )
    legal_frame = models.CharField(
        _("legal frame"), max_length=20, choices=LegalFrame.choices, default=LegalFrame.VOLUNTARY
    )
    provider = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("foster-care provider"),
        on_delete=models.PROTECT,
        related_name="provided_placements",
        null=True,
        blank=True,
    )
    placer = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("placing organisation"),
        on_delete=models.PROTECT,
        related_name="placed_placements",
        null=True,
        blank=True,
    )
    foster_family_confidential = models.BooleanField(
        _("foster family's identity hidden from the parents"),
        default=False,
        help_text=_(
            "Adres geheim: the parents see no name, address, phone or email of the foster "
            "family anywhere (portal, print, email)."
        ),
    )
    perspective_decision_date = models.DateField(
        _("perspective decision date set by the zorgteam"),
        null=True,
        blank=True,
        help_text=_("Overrides the default of 9 months after the start."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="placement_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.child.first_name})"

    def get_absolute_url(self):
        return reverse("cases:placement_detail", args=[self.reference])

    def clean(self):
        super().clean()
        from core.plausible import check_in_window, window

        today = timezone.localdate()
        if self.start_date:
            check_in_window(self.start_date, window("placement_start", today=today), "start_date")
            check_in_window(
                self.end_date,
                window("placement_end", today=today, start=self.start_date),
                "end_date",
            )

    @property
    def ended_early(self):
        return self.end_date is not None and self.end_reason_kind in EARLY_END_REASONS

    def is_ended(self, on=None):
        on = on or timezone.localdate()
        return self.end_date is not None and self.end_date <= on


class VariantChange(models.Model):
    """The history of a placement's variant; the first row is the variant it started in."""

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.CASCADE,
        related_name="variant_changes",
    )
    variant = models.CharField(_("variant"), max_length=20, choices=Variant.choices)
    from_date = models.DateField(_("from"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["from_date", "recorded_at"]
        verbose_name = _("variant change")
        verbose_name_plural = _("variant changes")

    def __str__(self):
        return f"{self.placement.reference}: {self.get_variant_display()} {self.from_date}"
