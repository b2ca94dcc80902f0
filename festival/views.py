"""Hub pages: the home page, the stories (list, page, "Share your story")."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from festival import page_cache, selectors
from festival.forms import StoryListFilterForm, StoryShareForm
from festival.models import Tag
from festival.page_cache import PageVersion, serve_page, stamps
from festival.services import share_story

STORIES_PER_PAGE = 12
STORY_SHARED_MESSAGE = "Thank you: the organisers will read your story and publish it."


@require_safe
def hub_home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "festival/hub_home.html",
        {
            "upcoming_festivals": selectors.upcoming_festivals(today=today),
            "past_festivals": selectors.past_festivals(today=today),
            "latest_stories": selectors.latest_stories(),
        },
    )


@require_safe
def story_list(request: HttpRequest) -> HttpResponse:
    """Published stories, newest first, 12 a page; ?tag=<slug> and ?author=<name> narrow it.

    An unknown tag, a page past the end or a malformed parameter is a 404: there is nothing
    at that address. A known tag or an author with no published stories is an empty page
    that says so. Rendered once per version of the stories.
    """
    return serve_page(
        request,
        version=PageVersion(stamps("stories")),
        build=lambda: story_list_page(request),
        parameters=frozenset({"tag", "author", "page"}),
    )


def story_list_page(request: HttpRequest) -> page_cache.Page:
    form = StoryListFilterForm(request.GET)
    if not form.is_valid():
        raise Http404("Those story filters are not ones this page knows.")
    tag_slug, author = form.cleaned_data["tag"], form.cleaned_data["author"]
    tag = None
    if tag_slug:
        tag = selectors.tag_by_slug(slug=tag_slug)
        if tag is None:
            raise Http404("No tag has that address.")
    paginator = Paginator(selectors.stories_for_list(tag=tag, author=author), STORIES_PER_PAGE)
    try:
        page = paginator.page(form.cleaned_data["page"] or 1)
    except InvalidPage as error:
        raise Http404("There is no such page of stories.") from error
    # The name as the stories spell it, not as it was typed in the address.
    author_name = page.object_list[0].author if author and page.object_list else author
    return page_cache.Page(
        # Kept under its one canonical address only (the author as the stories spell it, the
        # page number as the links write it): any text is an author, and "01" is page 1.
        keep=request.get_full_path()
        == story_list_url(tag=tag, author=author_name, page=page.number),
        template="festival/story_list.html",
        context={
            "page": page,
            "stories": page.object_list,
            "heading": story_list_heading(tag=tag, author=author_name),
            "tag": tag,
            "author": author_name,
            "is_filtered": bool(tag or author),
            "page_links": page_links(page, tag=tag, author=author),
            "previous_url": story_list_url(tag=tag, author=author, page=page.number - 1)
            if page.has_previous()
            else "",
            "next_url": story_list_url(tag=tag, author=author, page=page.number + 1)
            if page.has_next()
            else "",
        },
    )


def story_list_heading(*, tag: Tag | None, author: str) -> str:
    heading = "Stories"
    if author:
        heading += f" by {author}"
    if tag is not None:
        heading += f" tagged {tag.name}"
    return heading


@dataclass(frozen=True)
class PageLink:
    label: str
    """A page number, or "…" for pages left out (then there is no href)."""
    href: str = ""
    is_current: bool = False


def page_links(page: Page, *, tag: Tag | None, author: str) -> list[PageLink]:
    """Links to the pages around this one, keeping the filters; empty when there is one page."""
    if page.paginator.num_pages == 1:
        return []
    links = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            links.append(PageLink(label=str(number)))
        else:
            href = story_list_url(tag=tag, author=author, page=number)
            links.append(PageLink(str(number), href, is_current=number == page.number))
    return links


def story_list_url(*, tag: Tag | None = None, author: str = "", page: int = 1) -> str:
    """/stories/?tag=…&author=…&page=…, leaving out what is not set (and page 1)."""
    parameters = {
        "tag": tag.slug if tag else "",
        "author": author,
        "page": page if page > 1 else "",
    }
    query = urlencode({key: value for key, value in parameters.items() if value}, quote_via=quote)
    return reverse("story-list") + (f"?{query}" if query else "")


@require_safe
def story_detail(request: HttpRequest, story: str) -> HttpResponse:
    """A story, rendered once per version of the stories, write-ups (those that link back to
    it) and festivals (the one it is about)."""
    return serve_page(
        request,
        # The write-ups that link back to it name their sessions and festivals.
        version=PageVersion(stamps("stories", "writeups", "festivals", "programmes")),
        build=lambda: story_page(slug=story),
    )


def story_page(*, slug: str) -> page_cache.Page:
    found = selectors.published_story(slug=slug)
    if found is None:
        raise Http404("No published story has that address.")
    # A story may be about a festival that is not public yet: say nothing of it until it is.
    festival = found.festival if found.festival and found.festival.is_published else None
    story_url = settings.SITE_URL + found.get_absolute_url()
    return page_cache.Page(
        "festival/story_detail.html",
        {
            "story": found,
            "festival": festival,
            "story_url": story_url,
            "share_links": share_links(title=found.title, url=story_url),
            "email_share_href": email_share_href(title=found.title, url=story_url),
            "similar_stories": selectors.similar_stories(story=found),
        },
    )


@dataclass(frozen=True)
class ShareLink:
    site: str
    href: str


def share_links(*, title: str, url: str) -> list[ShareLink]:
    """Each site's own "share" address, as a plain link: no script or image of theirs loads
    on our page, so nobody is tracked by just reading a story."""
    text = f"{title} {url}"
    return [
        ShareLink("Bluesky", _with_query("https://bsky.app/intent/compose", text=text)),
        ShareLink("Facebook", _with_query("https://www.facebook.com/sharer/sharer.php", u=url)),
        ShareLink(
            "LinkedIn", _with_query("https://www.linkedin.com/sharing/share-offsite/", url=url)
        ),
        ShareLink("WhatsApp", _with_query("https://wa.me/", text=text)),
        ShareLink("X", _with_query("https://x.com/intent/post", text=title, url=url)),
    ]


def email_share_href(*, title: str, url: str) -> str:
    # mailto: (RFC 6068) wants %20 for spaces: some mail programs show a "+" as it is.
    return _with_query("mailto:", subject=title, body=url)


def _with_query(address: str, **parameters: str) -> str:
    return f"{address}?{urlencode(parameters, quote_via=quote)}"


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def story_share(request: HttpRequest) -> HttpResponse:
    """Share your story: a signed-in person sends a story; it waits as a draft for the
    organisers, who are emailed and publish it from the admin."""
    if request.method == "POST":
        form = StoryShareForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            share_story(
                user=request.user,
                title=data["title"],
                author=data["author"],
                standfirst=data["standfirst"],
                body=data["body"],
                tags=data["tags"],
                festival=data["festival"],
            )
            messages.success(request, STORY_SHARED_MESSAGE)
            return redirect("story-list")
    else:
        form = StoryShareForm(initial={"author": request.user.name})
    return render(request, "festival/story_share.html", {"form": form})
