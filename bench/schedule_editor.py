"""The schedule editor: its page for a day of 500 sessions, and a move from POST to response
with 500 sessions in the day (draft, and published at once), beside a day of 10 sessions.

Reuses the programme bench's 2,000-session festival ("big", 500 a day); run after it."""

from django.test import Client
from django.urls import reverse

from bench.measure import count_queries, time_calls
from bench.programme import FIRST_DAY, ROOMS
from events.models import Session
from events.schedule_editor.selectors import published_row
from events.schedule_editor.services import fingerprint
from festival.models import Festival, User


def organiser_client(festival: Festival) -> Client:
    organiser, _created = User.objects.get_or_create(email="bench-organiser@example.org")
    festival.organisers.add(organiser)
    client = Client()
    client.force_login(organiser)
    return client


def run() -> None:
    big = Festival.objects.get(slug="big")
    small = Festival.objects.get(slug="small")
    day = f"?day={FIRST_DAY.isoformat()}"
    per_day = Session.objects.filter(festival=big).count() // 4
    for festival, sessions in ((big, per_day), (small, ROOMS)):
        client = organiser_client(festival)
        url = reverse("organise-schedule", args=[festival.slug]) + day
        assert client.get(url).status_code == 200
        queries = count_queries(lambda client=client, url=url: client.get(url))
        page = time_calls(lambda client=client, url=url: client.get(url), runs=21, warmup=2)
        print(f"schedule editor page, {sessions} sessions in the day: {page}, {queries} queries")

    client = organiser_client(big)
    session = (
        Session.objects.select_related("festival", "event", "room")
        .filter(festival=big, start__date=FIRST_DAY)
        .order_by("start", "pk")
        .first()
    )
    move_url = reverse("organise-session-move", args=["big", session.slug])
    row = published_row(session)
    # Back and forth between its own slot and 21:00, after the day's last session in its room:
    # every move is checked against the whole day and succeeds. The version each move carries
    # is the row it leaves behind, known in advance, so only the POST is timed.
    slots = [(row["start"], row["end"]), ("21:00", "21:15")]
    for action in ("draft", "publish"):
        turn = {"number": 0}

        def move(action=action, turn=turn):
            now, then = slots[turn["number"] % 2], slots[(turn["number"] + 1) % 2]
            turn["number"] += 1
            data = {
                "room": row["room"],
                "date": row["date"],
                "start": then[0],
                "end": then[1],
                "version": fingerprint(row | {"start": now[0], "end": now[1]}),
                "action": action,
            }
            response = client.post(move_url, data)
            assert response.status_code == 302
            assert not [m for m in response.wsgi_request._messages if m.level_tag == "error"]

        timing = time_calls(move, runs=20, warmup=0)
        label = "as a draft" if action == "draft" else "published at once"
        print(f"schedule editor move, {per_day} sessions in the day, {label}: {timing}")
        assert turn["number"] % 2 == 0, "each run ends where it began"
