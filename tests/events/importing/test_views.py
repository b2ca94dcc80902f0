from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from events.importing.forms import ProgrammeConfirmForm
from events.models import ScheduleChange, Session
from festival.models import Speaker
from tests.factories import SessionFactory, UserFactory
from tests.html import texts

pytestmark = pytest.mark.django_db

URL = "/organise/nacpf/import/"


class HiddenInputs(HTMLParser):
    """The hidden fields of the page's forms, as a browser would send them back."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden":
            self.values[attributes["name"]] = attributes.get("value") or ""


def hidden_inputs(response) -> dict[str, str]:
    parser = HiddenInputs()
    parser.feed(response.content.decode())
    return {name: value for name, value in parser.values.items() if name != "csrfmiddlewaretoken"}


def upload(client, text: str | bytes, **fields):
    data = text.encode() if isinstance(text, str) else text
    file = SimpleUploadedFile("programme.csv", data, content_type="text/csv")
    return client.post(URL, {"file": file, **fields})


@pytest.fixture
def organiser_client(client, import_setting):
    client.force_login(import_setting.organiser)
    return client


def test_import_page_url_is_the_organise_import_route():
    assert reverse("organise-import", kwargs={"festival": "nacpf"}) == URL


def test_import_page_sends_anonymous_visitors_to_log_in(client, import_setting):
    response = client.get(URL)

    # The login page's address belongs to the accounts work; the redirect is what is tested.
    assert (response.status_code, response["Location"]) == (
        302,
        f"{resolve_url(settings.LOGIN_URL)}?next=/organise/nacpf/import/",
    )


def test_import_page_is_forbidden_to_people_who_do_not_organise_the_festival(
    client, import_setting, programme_csv
):
    client.force_login(UserFactory())

    page = client.get(URL)
    posted = upload(client, programme_csv({}))

    assert (page.status_code, posted.status_code) == (403, 403)
    assert Session.objects.count() == 0


def test_import_page_is_open_to_superusers(client, import_setting):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.get(URL)

    assert response.status_code == 200
    assert "<h1>Import the programme" in response.content.decode()


def test_import_page_shows_a_labelled_upload_form(organiser_client):
    response = organiser_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert '<form method="post" enctype="multipart/form-data" class="import-form">' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<label for="id_file">Programme file (CSV):</label>' in html
    assert 'aria-describedby="id_file_helptext"' in html
    assert '<label for="id_cancel_missing">Cancel sessions missing from the file</label>' in html
    assert "<code>ref</code>" in html
    assert "Times are in Europe/London, the festival's time zone." in html


def test_upload_without_a_file_names_the_field_in_the_error_summary(organiser_client):
    response = organiser_client.post(URL, {"cancel_missing": "on"})

    assert response.status_code == 200
    assert texts(response, ".error-summary") == [
        "There is a problem Programme file (CSV): This field is required."
    ]
    assert '<a href="#id_file">Programme file (CSV): This field is required.</a>' in (
        response.content.decode()
    )
    assert Session.objects.count() == 0


def test_upload_shows_a_preview_and_writes_nothing(organiser_client, programme_csv):
    text = programme_csv(
        {"title": "Opening circle", "speakers": "Mel Parks <mel@example.org>"},
        {"title": "Zine making", "room": "Studio", "start": "10:30", "end": "12:00"},
    )

    response = upload(organiser_client, text)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Check the import" in html
    assert "Nothing has been saved yet. Times are in Europe/London." in html
    assert '<h2 id="added-heading">To add (2)</h2>' in html
    assert "Opening circle" in html
    assert ">Mon 5 Jul 10:30</time>–12:00 BST" in html
    assert "New speakers: Mel Parks" in html
    assert '<button type="submit" class="button">Confirm import</button>' in html
    assert hidden_inputs(response) == {
        "step": "confirm",
        "content": text,
        "cancel_missing": "False",
        "fingerprint": response.context["plan"].fingerprint,
    }
    assert (Session.objects.count(), Speaker.objects.count()) == (0, 0)


def test_confirm_imports_and_redirects_with_a_summary(organiser_client, programme_csv):
    text = programme_csv({"title": "Opening circle"}, {"title": "Zine making", "room": "Studio"})
    preview = upload(organiser_client, text)

    response = organiser_client.post(URL, hidden_inputs(preview), follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "Programme imported: 2 added, 0 changed, 0 unchanged." in response.content.decode()
    assert sorted(Session.objects.values_list("ref", "title", "room__name")) == [
        ("S01", "Opening circle", "Hall"),
        ("S02", "Zine making", "Studio"),
    ]


def test_preview_of_a_reimport_lists_changes_missing_sessions_and_warnings(
    organiser_client, import_setting, programme_csv
):
    SessionFactory(event=import_setting.event, room=import_setting.hall, ref="S01", title="Talk")
    SessionFactory(event=import_setting.event, room=import_setting.garden, ref="OLD", title="Old")
    text = programme_csv(
        {"title": "Talk", "start": "11:30", "end": "12:30", "speakers": "Mel <mel@example.org>"},
        {"room": "Studio", "start": "11:00", "end": "12:00", "speakers": "Mel <mel@example.org>"},
    )

    response = upload(organiser_client, text, cancel_missing="on")

    html = response.content.decode()
    assert '<h2 id="changed-heading">To change (1)</h2>' in html
    assert "<li>moved 10:00–11:00 → 11:30–12:30</li>" in html
    assert '<h2 id="cancel-heading">To cancel (1)</h2>' in html
    assert '<td>OLD</td><td class="is-text">Old</td>' in html
    assert '<h2 id="warnings-heading">Warnings (1)</h2>' in html
    assert "<strong>Line 2:</strong> Mel is booked in two places at once" in html
    assert hidden_inputs(response)["cancel_missing"] == "True"

    confirmed = organiser_client.post(URL, hidden_inputs(response), follow=True)

    assert (
        "Programme imported: 1 added, 1 changed, 0 unchanged, 1 cancelled as missing from the "
        "file." in confirmed.content.decode()
    )
    assert sorted(Session.objects.values_list("ref", "status", "sequence")) == [
        ("OLD", "cancelled", 1),
        ("S01", "scheduled", 1),
        ("S02", "scheduled", 0),
    ]


def test_upload_with_bad_rows_lists_every_problem_and_writes_nothing(
    organiser_client, programme_csv
):
    text = programme_csv({"speakers": "Mel <mel@example.org>"}, {"room": "Attic"}, {"date": "x"})

    response = upload(organiser_client, text)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="problem-summary" role="alert" aria-labelledby="problems-heading"' in html
    assert '<h2 id="problems-heading">The file has 2 problems: nothing was imported</h2>' in html
    assert (
        "<li><strong>Line 3:</strong> no room “Attic” at Museum of Science and Industry, where "
        "Main programme is held. Rooms there: Hall, Studio, Garden.</li>" in html
    )
    assert (
        "<li><strong>Line 4:</strong> date “x” is not a date in the form YYYY-MM-DD, "
        "e.g. 2027-07-05.</li>" in html
    )
    assert '<label for="id_file">Programme file (CSV):</label>' in html
    assert "Confirm import" not in html
    assert (Session.objects.count(), Speaker.objects.count()) == (0, 0)


def test_confirm_checks_the_file_again_and_rejects_a_tampered_one(organiser_client, programme_csv):
    preview = upload(organiser_client, programme_csv({}))
    tampered = hidden_inputs(preview) | {"content": programme_csv({}, {"room": "Attic"})}

    response = organiser_client.post(URL, tampered)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<li><strong>Line 3:</strong> no room “Attic”" in html
    assert Session.objects.count() == 0


def test_confirm_shows_the_preview_again_when_the_programme_changed_meanwhile(
    organiser_client, import_setting, programme_csv
):
    preview = upload(organiser_client, programme_csv({"title": "Talk"}))
    SessionFactory(event=import_setting.event, room=import_setting.studio, ref="S01")

    response = organiser_client.post(URL, hidden_inputs(preview))

    html = response.content.decode()
    assert "The programme has changed since this file was checked." in html
    assert "<li>room Studio → Hall</li>" in html
    assert Session.objects.get().room == import_setting.studio
    assert ScheduleChange.objects.count() == 0


def test_confirm_without_the_file_asks_for_it_again(organiser_client):
    response = organiser_client.post(URL, {"step": "confirm"})

    assert response.status_code == 400
    assert "The confirmation was incomplete. Upload the file again." in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"x" * (2 * 1024 * 1024 + 1),
            "This file is 2.1 MB; the largest file accepted is 2 MB. Split the programme into "
            "two files and import them one after the other.",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00workbook",
            "This is a spreadsheet workbook, not a CSV file. In your spreadsheet, choose Save as "
            "(or Download), then CSV UTF-8, and upload that.",
        ),
        (
            b"%PDF-1.7\n\x00\x01\x02",
            "Line 2: the file holds a NUL character (byte 0x00), which is never in CSV text. "
            "Save it from your spreadsheet as “CSV UTF-8” and try again.",
        ),
        (
            "ref,event\nS1,Café\n".encode("cp1252"),
            "Line 2: the file is not UTF-8 text (byte 0xE9 cannot be read). Save it from your "
            "spreadsheet as “CSV UTF-8” and try again.",
        ),
    ],
)
def test_upload_rejects_files_that_are_too_big_or_not_csv(organiser_client, data, message):
    response = upload(organiser_client, data)

    assert response.context["form"].errors == {"file": [message]}
    assert "Check the import" not in response.content.decode()


def test_import_page_of_an_unknown_festival_is_not_found(organiser_client):
    response = organiser_client.get("/organise/no-such-festival/import/")

    assert response.status_code == 404


def test_confirm_accepts_the_file_sent_back_with_crlf_line_ends(organiser_client, programme_csv):
    text = programme_csv(
        {"title": "Opening circle", "description": "Two\nlines"}, {"room": "Studio"}
    )
    preview = upload(organiser_client, text)
    # What a browser sends for a hidden field that holds line ends.
    sent_back = hidden_inputs(preview)
    sent_back["content"] = sent_back["content"].replace("\n", "\r\n")

    response = organiser_client.post(URL, sent_back)

    assert (response.status_code, response["Location"]) == (302, URL)
    assert sorted(Session.objects.values_list("ref", "title", "description")) == [
        ("S01", "Opening circle", "Two\nlines"),
        ("S02", "Session 2", ""),
    ]


def test_confirm_form_counts_its_2_mb_after_making_line_ends_lf():
    line = "x" * 1023 + "\r\n"  # 1 KB once its line end is LF
    fields = {"cancel_missing": "", "fingerprint": "f" * 64}

    at_limit = ProgrammeConfirmForm({"content": line * 2048, **fields})
    over = ProgrammeConfirmForm({"content": line * 2048 + "x", **fields})

    assert (at_limit.is_valid(), at_limit.cleaned_data["content"]) == (
        True,
        ("x" * 1023 + "\n") * 2048,
    )
    assert over.errors == {"content": ["The file is larger than 2 MB."]}


def test_upload_rejects_a_nul_character_with_its_line(organiser_client, programme_csv):
    response = upload(organiser_client, programme_csv({}, {"title": "Bad\x00", "room": "Studio"}))

    assert response.context["form"].errors == {
        "file": [
            "Line 3: the file holds a NUL character (byte 0x00), which is never in CSV text. "
            "Save it from your spreadsheet as “CSV UTF-8” and try again."
        ]
    }
    assert Session.objects.count() == 0


def test_preview_lists_every_session_the_import_cancels(
    organiser_client, import_setting, programme_csv
):
    SessionFactory(event=import_setting.event, room=import_setting.hall, ref="S01", title="Talk")
    SessionFactory(event=import_setting.event, room=import_setting.garden, ref="OLD", title="Old")
    text = programme_csv({"title": "Talk", "status": "cancelled"}, {"room": "Studio"})

    response = upload(organiser_client, text, cancel_missing="on")

    html = response.content.decode()
    when = '<td><time datetime="2027-07-05T10:00:00+01:00">Mon 5 Jul 10:00</time>–11:00 BST</td>'
    assert "<li><strong>2</strong> to cancel</li>" in html
    assert '<h2 id="cancel-heading">To cancel (2)</h2>' in html
    assert (
        f'<td>S01</td><td class="is-text">Talk</td>\n        {when}\n'
        '        <td class="is-text">Hall</td>\n'
        "        <td>Line 2 says “cancelled”</td>"
    ) in html
    assert (
        f'<td>OLD</td><td class="is-text">Old</td>\n        {when}\n'
        '        <td class="is-text">Garden</td>\n'
        "        <td>Not in the file</td>"
    ) in html
    assert '<h2 id="missing-heading">' not in html


def test_import_page_says_changes_are_listed_not_that_attendees_are_told(organiser_client):
    response = organiser_client.get(URL)

    html = response.content.decode()
    assert (
        "people who booked keep their places, and every change of time, room or cancellation is "
        "listed on the festival’s “What’s changed” page." in html
    )
    assert (
        "Sessions in the programme that the file does not mention are cancelled, and each "
        "cancellation is listed on the festival&#x27;s “What’s changed” page. Leave this "
        "unticked to leave them as they are." in html
    )
    assert "told" not in html
