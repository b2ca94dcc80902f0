"""A large, valid programme as CSV text: the bench's input."""

import csv
import io
from datetime import date, timedelta

FORMATS = ["talk", "workshop", "conversation", "happening", "performance", "break"]
THEMES = ["co-production", "social action", "commissioning", "mutual aid", "evaluation"]
COLUMNS = [
    "ref", "event", "date", "start", "end", "room", "title", "format",
    "speakers", "capacity", "themes", "status", "description",
]  # fmt: skip


def programme_csv(
    *, first_day: date, days: int, rooms: list[str], per_room_per_day: int, first_start: int = 480
) -> str:
    """Back-to-back 15-minute sessions in every room from `first_start` (minutes after
    midnight, 08:00 by default); no speaker is in two rooms."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    number = 0
    for day_index in range(days):
        day = first_day + timedelta(days=day_index)
        for room_index, room in enumerate(rooms):
            for slot in range(per_room_per_day):
                number += 1
                start = first_start + slot * 15
                writer.writerow(
                    [
                        f"B{number:05d}",
                        "bench-event",
                        day.isoformat(),
                        f"{start // 60:02d}:{start % 60:02d}",
                        f"{(start + 15) // 60:02d}:{(start + 15) % 60:02d}",
                        room,
                        f"Session {number} in {room}",
                        FORMATS[number % len(FORMATS)],
                        f"Speaker {number % 400} <speaker{number % 400}-{room_index}@example.org>",
                        "" if number % 5 == 0 else str(10 + number % 30),
                        f"{THEMES[number % 5]}; {THEMES[(number + 2) % 5]}",
                        "",
                        "A session generated for the benchmark.",
                    ]
                )
    return out.getvalue()
