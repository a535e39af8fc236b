"""The six steps of the method as tasks, due a number of days before or after the visit."""

import datetime

from django.utils.translation import gettext_lazy as _

from .scheduling import add_working_days, is_working_day

# (code, step, title, tip, offset in days, count working days, only when: None, "media" (press
# or a photographer comes) or "press_release" (one is planned))
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
        None,
    ),
    (
        "homework",
        1,
        _("Do the homework: costs, yield, who is involved, what the municipality does"),
        _("Check whether the plan fits the coalition programme."),
        -35,
        False,
        None,
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
        None,
    ),
    (
        "media-notice",
        5,
        _("Tell the guests that press or a photographer will be there"),
        _("Put it in the invitation too, and agree on photos and tagging."),
        -28,
        False,
        "media",
    ),
    (
        "confirm-date",
        2,
        _("Confirm the date with the guests"),
        _("Once the answers are in: the guests who accepted get a calendar invitation."),
        -21,
        False,
        None,
    ),
    (
        "visibility",
        5,
        _("Agree on visibility with the guests (photos, tagging, press)"),
        "",
        -14,
        False,
        None,
    ),
    (
        "programme",
        3,
        _("Programme and handout ready"),
        _("A folder, infographic or factsheet with the key points."),
        -7,
        False,
        None,
    ),
    (
        "briefing",
        4,
        _("Brief colleagues and volunteers; one host receives the guests and leads"),
        "",
        -2,
        False,
        None,
    ),
    (
        "post",
        5,
        _("Prepare the social-media post that tags the guests"),
        _("Ask the guests to share it too."),
        -1,
        False,
        None,
    ),
    (
        "thanks",
        6,
        _("Send a thank-you with a photo and a short report"),
        _("Within two working days; add a proposal or extra information where useful."),
        2,
        True,
        None,
    ),
    (
        "report",
        6,
        _("Write the report: who came, what happened, was the ask met"),
        _("Add a photo, the commitments made and where the guests stand now."),
        2,
        True,
        None,
    ),
    (
        "press-release",
        5,
        _("Send the press release"),
        _("Make it on the Documents page; add a photo of people who agreed to be shown."),
        1,
        True,
        "press_release",
    ),
    (
        "next-contact",
        6,
        _("Agree on the next contact"),
        "",
        14,
        False,
        None,
    ),
]


_BY_CODE = {task[0]: task for task in DEFAULT_TASKS}


def default_title(code: str) -> str:
    """A default task's title in the reader's language ("" for a task of one's own)."""
    return str(_BY_CODE[code][2]) if code in _BY_CODE else ""


def default_tip(code: str) -> str:
    return str(_BY_CODE[code][3]) if code in _BY_CODE else ""


def with_due_dates(tasks, today: datetime.date) -> list:
    """The tasks, each with its due date (kept on the task, see due_date), whether it is
    overdue and how many days it lies from the visit, for the checklist and the overview."""
    tasks = list(tasks)
    for task in tasks:
        mark_due(task, today)
        task.days_away = abs(task.offset_days)
    return tasks


def mark_due(task, today: datetime.date):
    task.due = task.due_on
    task.overdue = task.done_at is None and task.due is not None and task.due < today
    return task


def due_date(task, visit_date: datetime.date | None) -> datetime.date | None:
    return due_date_of(task.offset_days, task.working_days, visit_date)


def due_date_of(
    offset_days: int, working_days: bool, visit_date: datetime.date | None
) -> datetime.date | None:
    """The day a task is due, always a working day: one falling on a weekend or public
    holiday moves earlier when it comes before the visit, later when it comes after."""
    if visit_date is None:
        return None
    if working_days:
        return add_working_days(visit_date, offset_days)
    day = visit_date + datetime.timedelta(days=offset_days)
    if is_working_day(day):
        return day
    return add_working_days(day, -1 if offset_days < 0 else 1)


def applies(condition: str | None, visit) -> bool:
    """Whether a default task belongs on this visit's checklist."""
    if condition == "media":
        return visit.media_present
    if condition == "press_release":
        return visit.press_release
    return True


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
