"""Place people on the stakeholder map: stance left to right, influence bottom to top.

Pure layout; people_tags.stakeholder_map_svg draws the SVG. Several people in one cell
are spread in a small grid so no dot hides another.
"""

import math
from dataclasses import dataclass

from .models import Stance

COLUMNS = [Stance.OPPONENT, Stance.DOUBTER, Stance.UNKNOWN, Stance.ADHERENT, Stance.SUPPORTER]
WIDTH, HEIGHT = 760, 440
LEFT, TOP, BOTTOM = 60, 20, 50
CELL_W = (WIDTH - LEFT - 10) / len(COLUMNS)
CELL_H = (HEIGHT - TOP - BOTTOM) / 5


@dataclass
class Dot:
    person: object
    assessment: object
    x: float
    y: float


def layout(entries) -> list[Dot]:
    """entries: (person, assessment) pairs with an influence of 1-5."""
    cells: dict[tuple[int, int], list] = {}
    for person, assessment in entries:
        column = COLUMNS.index(assessment.stance)
        cells.setdefault((column, assessment.influence), []).append((person, assessment))
    dots = []
    for (column, influence), members in cells.items():
        per_row = math.ceil(math.sqrt(len(members)))
        rows = math.ceil(len(members) / per_row)
        step_x = min(22, (CELL_W - 16) / per_row)
        step_y = min(22, (CELL_H - 12) / rows)
        centre_x = LEFT + CELL_W * (column + 0.5)
        centre_y = TOP + CELL_H * (5 - influence + 0.5)
        for index, (person, assessment) in enumerate(members):
            row, col = divmod(index, per_row)
            x = centre_x + (col - (per_row - 1) / 2) * step_x
            y = centre_y + (row - (rows - 1) / 2) * step_y
            dots.append(Dot(person, assessment, round(x, 1), round(y, 1)))
    return dots


def grid():
    """Column and row positions for the axes."""
    columns = [
        {
            "stance": stance,
            "label": stance.label,
            "x": LEFT + CELL_W * (i + 0.5),
            "left": LEFT + CELL_W * i,
        }
        for i, stance in enumerate(COLUMNS)
    ]
    rows = [
        {"influence": n, "y": TOP + CELL_H * (5 - n + 0.5), "top": TOP + CELL_H * (5 - n)}
        for n in range(1, 6)
    ]
    return {
        "columns": columns,
        "rows": rows,
        "width": WIDTH,
        "height": HEIGHT,
        "cell_w": CELL_W,
        "cell_h": CELL_H,
        "left": LEFT,
        "top": TOP,
        "plot_height": HEIGHT - BOTTOM - TOP,
    }


def cells(counts: dict) -> dict:
    """Per-cell counts for a crowded map: a circle sized by the count, and a 5x5 table."""
    largest = max(counts.values(), default=1)
    shapes = []
    for (stance, influence), number in counts.items():
        column = COLUMNS.index(stance)
        shapes.append(
            {
                "stance": stance,
                "influence": influence,
                "count": number,
                "x": round(LEFT + CELL_W * (column + 0.5), 1),
                "y": round(TOP + CELL_H * (5 - influence + 0.5), 1),
                "r": round(8 + 26 * math.sqrt(number / largest), 1),
            }
        )
    table = [
        {
            "influence": influence,
            "counts": [
                {"stance": stance, "count": counts.get((stance, influence), 0)}
                for stance in COLUMNS
            ],
        }
        for influence in range(5, 0, -1)
    ]
    return {"shapes": shapes, "table": table, "columns": COLUMNS}
