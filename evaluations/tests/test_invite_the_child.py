"""The "invite the child into the zorgteam" deadline leads to the zorgteam's add form, role preset."""

from datetime import date

import pytest
from django.urls import reverse

from evaluations.models import Deadline
from evaluations.services import deadlines_refresh

pytestmark = pytest.mark.django_db


def test_the_invite_the_child_deadline_links_to_the_zorgteam_form(
    client, placement, pleegzorgbegeleider
):
    placement.child.birth_date = date(2014, 1, 1)  # twelve already: the deadline is open now
    placement.child.save()
    deadlines_refresh(placement=placement)
    assert Deadline.objects.open().filter(placement=placement, kind="child_joins_zorgteam").exists()
    client.force_login(pleegzorgbegeleider)
    html = client.get(
        reverse("cases:placement_detail", args=[placement.reference])
    ).content.decode()
    link = reverse("zorgteam:member_add", args=[placement.reference]) + "?role=pleegkind"
    assert link in html
    form = client.get(link).content.decode()
    assert 'value="pleegkind" selected' in form
