"""The agendas of the NVP report "Waarom doe ik wat ik doe?" (seeds/002), as questions.

Advice 1, the start meeting: ask each other what you need from the others and what you
expect of them, who has the regie (roles, tasks, powers) and who takes the decisions.
Advice 8, every meeting: how it is going with you, with us (the collaboration) and with
the child; what goes well; what can be better; when are we satisfied next time and what
must have changed by then; when do we evaluate next.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    help: str = ""


# Asked of each member at the start meeting; "tasks" becomes their "who does what" in the plan.
START_MEMBER_QUESTIONS = (
    Question("needs", _("What do you need from the others to do your part?")),
    Question("expects", _("What do you expect of the others?")),
    Question(
        "tasks",
        _("Who does what: tasks and powers"),
        _("Goes into the draft plan as this member's part in “who does what”."),
    ),
)
# Asked of the team as a whole at the start meeting; both answers go into the draft plan.
START_TEAM_QUESTIONS = (
    Question("regie", _("Who has the regie? (roles, tasks, powers)")),
    Question("decisions", _("Who takes which decisions?")),
)
STANDARD_QUESTIONS = (
    Question("how_you", _("How is it going with each of you?")),
    Question("how_us", _("How is it going with us: the collaboration?")),
    Question("how_child", _("How is it going with the child?")),
    Question("going_well", _("What goes well?")),
    Question("can_be_better", _("What can be better?")),
    Question(
        "satisfied_when",
        _("When are we satisfied next time, and what must have changed by then?"),
    ),
)
# The last question of advice 8 ("when do we evaluate next?") is a date on the form.


def answered(questions, answers, who=""):
    """The agenda entries for the answered questions: [{q, label, who, answer}]."""
    return [
        {"q": q.id, "label": str(q.label), "who": who, "answer": answers[q.id].strip()}
        for q in questions
        if (answers.get(q.id) or "").strip()
    ]
