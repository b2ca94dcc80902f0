"""Reading pages as a person sees them: the text of the elements a selector picks."""

from html.parser import HTMLParser

VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Elements a browser shows apart from their neighbours: their text is joined with a space.
SEPARATE_ELEMENTS = VOID_ELEMENTS | {
    "article", "dd", "div", "dt", "h1", "h2", "h3", "h4", "li", "ol", "option", "p",
    "section", "td", "th", "tr", "ul",
}  # fmt: skip


class _TextsOf(HTMLParser):
    """The text of every element matching "tag", ".class", "tag.class" or "tag.a.b", with
    whitespace collapsed as a reader would see it."""

    def __init__(self, selector: str) -> None:
        super().__init__()
        tag, *classes = selector.split(".")
        self.tag, self.classes = tag or None, set(classes)
        self.depth = 0
        self.parts: list[str] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.depth and tag in SEPARATE_ELEMENTS:
            self.parts.append(" ")
        if tag in VOID_ELEMENTS:
            return
        if self.depth:
            self.depth += 1
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.tag in (None, tag) and self.classes <= classes:
            self.depth, self.parts = 1, []

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS or not self.depth:
            return
        if tag in SEPARATE_ELEMENTS:
            self.parts.append(" ")
        self.depth -= 1
        if not self.depth:
            self.found.append(" ".join("".join(self.parts).split()))

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def texts(response, selector: str) -> list[str]:
    parser = _TextsOf(selector)
    parser.feed(response.content.decode())
    return parser.found
