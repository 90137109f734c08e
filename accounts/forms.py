from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's default says both fields are case-sensitive; email addresses are not here.
        "invalid_login": _(
            "This email address and password do not match. Note that the password is case-sensitive."
        ),
    }

    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class FirstPasswordResetForm(PasswordResetForm):
    """ "Wachtwoord vergeten" also for accounts without a password yet (imported or created
    by an invitation): Django's form skips them, so they could never log in.

    Switched-off accounts still get nothing, and the page answers the same either way.
    """

    def get_users(self, email):
        User = get_user_model()
        return User.objects.filter(email__iexact=email.strip(), is_active=True).iterator()
