from django import forms
from django.utils.translation import gettext_lazy as _


def _code_field(label, **attrs):
    return forms.CharField(
        label=label,
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "autocapitalize": "off",
                "spellcheck": "false",
                **attrs,
            }
        ),
    )


class SetupCodeForm(forms.Form):
    code = _code_field(_("The 6-digit code your app shows"), inputmode="numeric")


class VerifyForm(forms.Form):
    code = _code_field(_("Code from your app, or a recovery code"))
