from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from cases.models import Variant


class VoogdChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


class CaseloadFilterForm(forms.Form):
    """The caseload's filters. A GET form: a filtered caseload is a link one can share.

    Rendered by dashboard/_filters.html (see there why not with crispy).
    """

    URGENCY_CHOICES = [
        ("", _("All deadlines")),
        ("overdue", _("Overdue only")),
        ("week", _("Due this week")),
    ]

    q = forms.CharField(label=_("Search child or reference"), required=False, max_length=100)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=URGENCY_CHOICES, required=False)
    variant = forms.ChoiceField(
        label=_("Variant"), choices=[("", _("All variants")), *Variant.choices], required=False
    )
    voogd = VoogdChoiceField(
        label=_("Voogd"), queryset=User.objects.none(), required=False, empty_label=_("All voogden")
    )
    show_ended = forms.BooleanField(label=_("Also show ended placements"), required=False)

    def __init__(self, *args, voogds=(), **kwargs):
        """`voogds`: the current voogden of the caseload, the only ones one can filter on."""
        super().__init__(*args, **kwargs)
        self.voogds = voogds
        self.fields["voogd"].queryset = User.objects.filter(pk__in=[v.pk for v in voogds])
