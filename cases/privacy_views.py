"""The placement's privacy setting: the foster family's identity hidden from the parents."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgteam.access import access_for

from .models import Placement
from .permissions import can_edit_privacy, require_open_file
from .selectors import placement_for_user
from .services import placement_set_confidential


class PrivacyForm(forms.Form):
    foster_family_confidential = forms.BooleanField(
        label=Placement._meta.get_field("foster_family_confidential").verbose_name,
        required=False,
        help_text=gettext_lazy(
            "Adres geheim: the parents then see no name, address, phone or email of the "
            "foster family anywhere — not in the portal, the print or an email. Agreements "
            "and goals you share with the parents must not name the foster family either."
        ),
    )


@login_required
def privacy(request, reference):
    placement = placement_for_user(request.user, reference)
    if not request.user.is_professional:
        return redirect("portal:placement", reference=placement.reference)
    require_open_file(placement)
    if not can_edit_privacy(request.user, placement, access_for(request.user, placement)):
        raise PermissionDenied(_("Only the regie can change this setting."))
    form = PrivacyForm(
        request.POST or None,
        initial={"foster_family_confidential": placement.foster_family_confidential},
    )
    if request.method == "POST" and form.is_valid():
        placement_set_confidential(
            placement=placement,
            confidential=form.cleaned_data["foster_family_confidential"],
            changed_by=request.user,
        )
        messages.success(request, _("Saved."))
        return redirect(placement)
    return render(request, "cases/privacy.html", {"placement": placement, "form": form})
