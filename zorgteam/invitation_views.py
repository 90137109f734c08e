"""The page behind an invitation link: accept it by choosing a password or by logging in.

Reached without a login. It shows no child's name or placement until the person has
accepted: the link may have reached the wrong inbox.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from cases.permissions import file_is_open

from .invitations import (
    InvitationRefused,
    existing_account,
    invitation_accept,
    invitation_for_token,
)


class InvitationPasswordForm(SetPasswordForm):
    """Name and first password. The password rules see the name and the email address."""

    full_name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    field_order = ["full_name", "new_password1", "new_password2"]

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        self.user.full_name = name  # the similarity check compares against it
        return name


def _render(request, template, context, status=200):
    return render(request, f"zorgteam/{template}", context, status=status)


@never_cache
def accept(request, token):
    invitation = invitation_for_token(token)
    if invitation is None or not invitation.is_pending or not file_is_open(invitation.placement):
        return _render(request, "invitation_invalid.html", {}, status=410)
    account = existing_account(invitation)
    context = {"invitation": invitation}
    if request.user.is_authenticated:
        if account is None or account.pk != request.user.pk:
            return _render(request, "invitation_other_account.html", context, status=403)
        if request.method == "POST":
            return _accepted(
                request, invitation, lambda: invitation_accept(token=token, user=request.user)
            )
        return _render(request, "invitation_confirm.html", context)
    if account is not None and account.has_usable_password():
        login_url = reverse("login") + "?" + urlencode({"next": request.get_full_path()})
        return _render(request, "invitation_login.html", {**context, "login_url": login_url})
    # No account, or one without a password (imported, invited before): choose one.
    person = account or get_user_model()(email=invitation.email, full_name=invitation.full_name)
    form = InvitationPasswordForm(
        person, request.POST or None, initial={"full_name": person.full_name}
    )
    if request.method == "POST" and form.is_valid():
        return _accepted(
            request,
            invitation,
            lambda: invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["new_password1"],
            ),
            then_login=True,
        )
    return _render(request, "invitation_password.html", {**context, "form": form})


def _accepted(request, invitation, accept_it, then_login=False):
    try:
        membership = accept_it()
    except InvitationRefused as error:
        return _render(
            request,
            "invitation_invalid.html",
            {"reason": " ".join(error.messages)},
            status=409,
        )
    if then_login:
        messages.success(
            request,
            _("Your account is ready. Log in with your email address and your new password."),
        )
        login_url = (
            reverse("login") + "?" + urlencode({"next": membership.placement.get_absolute_url()})
        )
        return redirect(login_url)
    messages.success(
        request,
        _("You are now in the zorgteam as %(role)s.") % {"role": membership.get_role_display()},
    )
    return redirect(membership.placement)
