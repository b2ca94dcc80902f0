"""The schedule editor: its page for a day of 500 sessions, and a move from POST to response
with 500 sessions in the day (draft, and published at once), beside a day of 10 sessions.

Reuses the programme bench's 2,000-session festival ("big", 500 a day); run after it."""

import statistics
import time

from django.test import Client
from django.urls import reverse

from bench.measure import Timing, count_queries, time_calls
from bench.programme import FIRST_DAY, ROOMS
from events.models import PendingChange, Session
from events.schedule_editor.selectors import published_row
from events.schedule_editor.services import version_of
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
    # is read before the clock starts: only the POST and its answer are timed.
    slots = [(row["start"], row["end"]), ("21:00", "21:15")]
    for action in ("draft", "publish"):
        samples = []
        for turn in range(20):
            then = slots[(turn + 1) % 2]
            data = {
                "room": row["room"],
                "date": row["date"],
                "start": then[0],
                "end": then[1],
                "version": current_version(big, session.pk, row["ref"]),
                "action": action,
            }
            started = time.perf_counter()
            response = client.post(move_url, data)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 302
            assert PendingChange.objects.filter(state="draft").count() == (
                (turn + 1) % 2 if action == "draft" else 0
            ), "each move is saved"
        label = "as a draft" if action == "draft" else "published at once"
        timing = Timing(len(samples), statistics.median(samples), min(samples), max(samples))
        print(f"schedule editor move, {per_day} sessions in the day, {label}: {timing}")


def current_version(festival: Festival, pk: int, ref: str) -> str:
    draft = PendingChange.objects.drafts().filter(festival=festival, ref=ref).first()
    return version_of(Session.objects.get(pk=pk), draft)
