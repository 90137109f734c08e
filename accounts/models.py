import secrets

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        PROVIDER = "provider", _("Foster-care provider (pleegzorgaanbieder)")
        CERTIFIED_INSTITUTION = "gi", _("Certified institution (GI)")
        OTHER = "other", _("Other organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROVIDER)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        if password:
            user.set_password(password)
        else:
            # Invited people choose their own password through the password-reset email.
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("person_type", User.PersonType.OTHER_PROFESSIONAL)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # Email addresses are case-insensitive for people; store and match them lowercased.
        return self.get(**{self.model.USERNAME_FIELD: username.lower()})


def _new_calendar_token():
    return secrets.token_urlsafe(24)


class User(AbstractUser):
    """A person who can log in. Logs in with an email address; there is no username."""

    class PersonType(models.TextChoices):
        PLEEGZORGBEGELEIDER = "pleegzorgbegeleider", _("Pleegzorgbegeleider")
        VOOGD = "voogd", _("(Gezins)voogd")
        OTHER_PROFESSIONAL = "professional", _("Other professional")
        PLEEGOUDER = "pleegouder", _("Foster parent (pleegouder)")
        OUDER = "ouder", _("Parent")
        PLEEGKIND = "pleegkind", _("Foster child")
        NETWERK = "netwerk", _("Network member")

    PROFESSIONAL_TYPES = frozenset(
        {PersonType.PLEEGZORGBEGELEIDER, PersonType.VOOGD, PersonType.OTHER_PROFESSIONAL}
    )

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    person_type = models.CharField(
        _("kind of person"),
        max_length=30,
        choices=PersonType.choices,
        default=PersonType.PLEEGOUDER,
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    is_team_lead = models.BooleanField(
        _("team lead"),
        default=False,
        help_text=_("Sees every placement of their organisation, not only their own."),
    )
    calendar_token = models.CharField(
        _("calendar token"), max_length=64, unique=True, default=_new_calendar_token
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        ordering = ["full_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_professional(self):
        return self.person_type in self.PROFESSIONAL_TYPES

    def rotate_calendar_token(self):
        self.calendar_token = _new_calendar_token()
        self.save(update_fields=["calendar_token"])
