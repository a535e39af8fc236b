"""The six steps of the method as tasks, due a number of days before or after the visit."""

import datetime

from django.utils.translation import gettext_lazy as _

from .scheduling import add_working_days

# (code, step, title, tip, offset in days, count working days, only with press)
DEFAULT_TASKS = [
    (
        "goal",
        1,
        _("Write down the goal, the core message and the concrete ask"),
        _(
            "One core message and one ask the guest can act on: keep a budget, cooperate, "
            "change a policy."
        ),
        -42,
        False,
        False,
    ),
    (
        "homework",
        1,
        _("Do the homework: costs, yield, who is involved, what the municipality does"),
        _("Check whether the plan fits the coalition programme."),
        -35,
        False,
        False,
    ),
    (
        "invite",
        2,
        _("Send the invitation (at least four weeks before)"),
        _(
            "Short but complete: why this person, the programme, date options, who is present, "
            "the media proposal and whom to reply to."
        ),
        -28,
        False,
        False,
    ),
    (
        "media-notice",
        5,
        _("Tell the guests that press or a photographer will be there"),
        _("Put it in the invitation too, and agree on photos and tagging."),
        -28,
        False,
        True,
    ),
    (
        "visibility",
        5,
        _("Agree on visibility with the guests (photos, tagging, press)"),
        "",
        -14,
        False,
        False,
    ),
    (
        "programme",
        3,
        _("Programme and handout ready"),
        _("A folder, infographic or factsheet with the key points."),
        -7,
        False,
        False,
    ),
    (
        "briefing",
        4,
        _("Brief colleagues and volunteers; one host receives the guests and leads"),
        "",
        -2,
        False,
        False,
    ),
    (
        "post",
        5,
        _("Prepare the social-media post that tags the guests"),
        _("Ask the guests to share it too."),
        -1,
        False,
        False,
    ),
    (
        "thanks",
        6,
        _("Send a thank-you with a photo and a short report"),
        _("Within two working days; add a proposal or extra information where useful."),
        2,
        True,
        False,
    ),
    (
        "next-contact",
        6,
        _("Agree on the next contact"),
        "",
        14,
        False,
        False,
    ),
]


_BY_CODE = {task[0]: task for task in DEFAULT_TASKS}


def default_title(code: str) -> str:
    """A default task's title in the reader's language ("" for a task of one's own)."""
    return str(_BY_CODE[code][2]) if code in _BY_CODE else ""


def default_tip(code: str) -> str:
    return str(_BY_CODE[code][3]) if code in _BY_CODE else ""


def with_due_dates(tasks, visit_date: datetime.date | None, today: datetime.date) -> list:
    """The tasks, each with its due date, whether it is overdue and how many days it lies
    from the visit, for the checklist and the overview."""
    tasks = list(tasks)
    for task in tasks:
        task.due = due_date(task, visit_date)
        task.overdue = task.done_at is None and task.due is not None and task.due < today
        task.days_away = abs(task.offset_days)
    return tasks


def due_date(task, visit_date: datetime.date | None) -> datetime.date | None:
    if visit_date is None:
        return None
    if task.working_days:
        return add_working_days(visit_date, task.offset_days)
    return visit_date + datetime.timedelta(days=task.offset_days)


def timeline(tasks) -> dict:
    """Positions (0-100 %) of the tasks on a line from the first task to the last, with the
    visit in between, for the picture on the checklist page."""
    offsets = [task.offset_days for task in tasks] + [0]
    low, high = min(offsets), max(offsets)
    span = (high - low) or 1

    def x(offset):
        return round(4 + 92 * (offset - low) / span, 2)

    points = []
    for task in tasks:
        state = "done" if task.done_at else ("overdue" if task.overdue else "open")
        points.append({"task": task, "x": x(task.offset_days), "state": state})
    # Alternate label rows so neighbouring tasks do not overlap.
    for index, point in enumerate(points):
        point["row"] = index % 3
    return {"points": points, "visit_x": x(0)}
