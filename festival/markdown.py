"""Markdown written by people (stories, bios, session descriptions) made safe to show.

`markdown` turns the text into HTML, raw HTML included, then `nh3` keeps only an allow-list:
no scripts, no event handlers, no `style`, and only http(s), mailto and relative links.
Images load only from absolute https addresses: an image whose `src` is anything else (relative,
http:, data:, protocol-relative "//host/pixel.gif") is dropped, and its alt text, if any, stays
as text.
Forms that accept Markdown limit its size with `validate_markdown_length`.
"""

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown as markdown_package
import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
# `rel` is not listed: nh3 sets it on every link itself (LINK_REL).
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
# No javascript:, data: or vbscript: URLs; relative links to the site's own pages still work.
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
# User links are not endorsements (nofollow) and must not reach back through window.opener.
LINK_REL = "nofollow noopener"
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
# Browsers drop tabs and newlines anywhere in a URL, and spaces and controls at its ends.
IGNORED_IN_URLS = re.compile(r"[\t\n\r]")
URL_EDGE_CHARACTERS = "".join(chr(code) for code in range(0x21))
# About 3,000 words: a long article. Rendering is linear, but a page of 5 MB is not a story.
MARKDOWN_MAX_CHARACTERS = 20_000
# An image nh3 has written out (attributes double-quoted, in its own serialisation); an image
# left with no src by `_keep_attribute` is replaced by its alt text.
SERIALISED_IMAGE = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
SERIALISED_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def validate_markdown_length(text: str) -> None:
    """Refuse Markdown longer than MARKDOWN_MAX_CHARACTERS, saying by how much.

    A validator, not a field's max_length: a browser's maxlength cuts a pasted text short
    without a word, and the writer would lose their ending.
    """
    length = len(text)
    if length > MARKDOWN_MAX_CHARACTERS:
        raise ValidationError(
            "This is %(length)s characters long and the limit is %(limit)s: shorten it, or "
            "split it into two.",
            code="markdown_too_long",
            params={"length": f"{length:,}", "limit": f"{MARKDOWN_MAX_CHARACTERS:,}"},
        )


def render_markdown(text: str, *, top_heading: int = 2) -> SafeString:
    """Markdown to sanitised HTML, safe to put in a page.

    `top_heading` is the level the author's biggest heading becomes, whether they wrote it
    "#" or "##", so that their headings sit in order under the page's own (a page has
    exactly one h1, and it is the page's title).
    """
    if not text:
        return mark_safe("")
    html = markdown_package.markdown(
        text,
        extensions=["tables", "fenced_code", "sane_lists"],
        # align="…" instead of style="text-align: …": style is not on the allow-list.
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    cleaned = nh3.clean(
        _shift_headings(html, top=top_heading),
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # Safe: nh3 has just removed everything that is not on the allow-list, and an image without
    # an https address is only its alt text, escaped again.
    return mark_safe(SERIALISED_IMAGE.sub(_image_or_its_text, cleaned))


def markdown_excerpt(text: str, *, length: int = 200) -> str:
    """The start of some Markdown as plain text, whole words, with "…" if it was cut.

    Plain text, not HTML: rendered and sanitised first, so that only what a reader would see
    is kept (no markup, no hidden script text), then unescaped; templates escape it again.
    """
    plain = " ".join(html.unescape(strip_tags(render_markdown(text))).split())
    if len(plain) <= length:
        return plain
    # Back to the last space that leaves room for the ellipsis: no word cut in half.
    cut = plain[: length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "\N{HORIZONTAL ELLIPSIS}"


# Text with none of these reads the same as Markdown and as plain text: no rendering needed.
MARKDOWN_SYNTAX = re.compile(r"[*_`#<>\[\]!&|~\\]|^ {0,3}(?:[-+=]|\d+[.)])(?:\s|$)", re.MULTILINE)
BLOCK_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table", "hr"}
)


def markdown_as_plain_text(text: str) -> str:
    """Markdown as a reader would see it, in plain text: for calendars and other places that
    show no HTML.

    Paragraphs and headings are separated by a blank line, list items start with "- " (or
    their number), a link is its text followed by its address in brackets, an image is its alt
    text. Rendered and sanitised first, so nothing hidden comes through.
    """
    text = text.strip()
    if not MARKDOWN_SYNTAX.search(text):
        return text
    writer = _PlainTextWriter()
    writer.feed(render_markdown(text))
    writer.close()
    return writer.text()


class _PlainTextWriter(HTMLParser):
    """Sanitised HTML (render_markdown's, a known small set of tags) to plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []
        self.lists: list[int | None] = []  # the next number of each open <ol>, None for <ul>
        self.in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in BLOCK_TAGS and not (tag == "p" and self.bullet_waiting()):
            self.parts.append("\n\n")
        if tag == "pre":
            self.in_pre += 1
        elif tag in ("ul", "ol"):
            self.lists.append(1 if tag == "ol" else None)
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if number is None:
                bullet = "- "
            else:
                bullet = f"{number}. "
                self.lists[-1] = number + 1
            self.parts.append("\n" + "  " * max(len(self.lists) - 1, 0) + bullet)
        elif tag in ("br", "tr"):
            self.parts.append("\n")
        elif tag in ("td", "th") and self.parts and not self.parts[-1].endswith("\n"):
            self.parts[-1] = self.parts[-1].rstrip(" ")
            self.parts.append(" | ")
        elif tag == "a":
            self.links.append(attributes.get("href"))
            self.parts.append("\x00")  # where the link's text starts
        elif tag == "img" and attributes.get("alt"):
            self.parts.append(attributes["alt"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n\n")
        if tag == "pre":
            self.in_pre -= 1
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "a" and self.links:
            href = self.links.pop()
            start = len(self.parts) - 1 - self.parts[::-1].index("\x00")
            label = "".join(self.parts[start + 1 :]).strip()
            self.parts[start:] = [label]
            if href and href.startswith("/") and not href.startswith("//"):
                href = settings.SITE_URL + href  # a calendar or an email has no "here"
            if href and href not in (label, f"mailto:{label}"):
                self.parts.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        if self.in_pre:
            self.parts.append(data)
        elif data.strip() or not self.parts or not self.parts[-1].endswith(("\n", " ")):
            self.parts.append(re.sub(r"\s+", " ", data))

    def bullet_waiting(self) -> bool:
        """Whether a list item's bullet was the last thing written: its paragraph goes on it."""
        return bool(self.parts) and self.parts[-1].endswith(("- ", ". "))

    def text(self) -> str:
        lines = (line.rstrip() for line in "".join(self.parts).split("\n"))
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and not _is_absolute_https(value):
        return None
    return value


def _image_or_its_text(match: re.Match[str]) -> str:
    attributes = dict(SERIALISED_ATTRIBUTE.findall(match.group(1)))
    if "src" in attributes:
        return match.group(0)
    return html.escape(html.unescape(attributes.get("alt", "")), quote=False)


def _is_absolute_https(src: str) -> bool:
    """Whether an image address is absolute https, as a browser would read it.

    Plain http images are seen (and can be swapped) by anyone on the network, and mark the page
    as mixed content; "//host/x" is http whenever the page is; a relative address makes the
    reader's browser request a page of this site, as whoever the reader is logged in as.
    """
    # A browser reads a backslash as a slash in web addresses: "/\host/x" is "//host/x".
    address = IGNORED_IN_URLS.sub("", src).strip(URL_EDGE_CHARACTERS).replace("\\", "/")
    try:
        parts = urlsplit(address)
    except ValueError:  # an unreadable address, such as "https://[::1"
        return False
    if parts.scheme:
        return parts.scheme.lower() == "https" and bool(parts.netloc)
    return False


def _shift_headings(html: str, *, top: int) -> str:
    levels = [int(match.group(2)) for match in HEADING_TAG.finditer(html)]
    if not levels:
        return html
    shift = top - min(levels)
    return HEADING_TAG.sub(
        lambda match: f"<{match.group(1)}h{min(6, int(match.group(2)) + shift)}", html
    )
