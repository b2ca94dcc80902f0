import pytest
from django.template import Context, Template
from django.utils.safestring import SafeString

from festival.markdown import markdown_as_plain_text, render_markdown

# The link stays as text; only its address is dropped.
NO_HREF = '<p><a rel="nofollow noopener">x</a></p>'
# The image is dropped; its alt text stays, as text.
NO_SRC = "<p>pixel</p>"
HOSTILE_INPUTS = [
    ("<script>alert(1)</script>Hello", "<p>Hello</p>"),
    ("<img src=x onerror=alert(1)>", "<p></p>"),
    ("[x](javascript:alert(1))", NO_HREF),
    ("[x](JaVaScRiPt:alert(1))", NO_HREF),
    ("[x](jav&#x09;ascript:alert(1))", NO_HREF),
    ('<a href="vbscript:msgbox(1)">x</a>', NO_HREF),
    ("![pixel](data:image/png;base64,iVBORw0KGgo=)", NO_SRC),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', NO_HREF),
    ("<scr<script>ipt>alert(1)</script>", "<p>&lt;scr</p>"),
    (
        '<a href="https://example.org" onclick="steal()">x</a>',
        '<p><a href="https://example.org" rel="nofollow noopener">x</a></p>',
    ),
    ('<p style="position:fixed" onmouseover="steal()">Hi</p>', "<p>Hi</p>"),
    ('<iframe src="https://example.org"></iframe>After', "<p>After</p>"),
    ("<svg><g onload=alert(1)></g></svg>", "<p></p>"),
    ("<style>body { display: none }</style>Shown", "<p>Shown</p>"),
    ('<form action="https://evil.example"><input name="password"></form>', ""),
    ("<!-- a comment -->Text", "<p>Text</p>"),
    # Images only over https: no plain-http or protocol-relative pixels, however disguised.
    ("![pixel](http://tracker.example/p.gif)", NO_SRC),
    ('<img src="HTTP://tracker.example/p.gif" alt="pixel">', NO_SRC),
    ("![pixel](//tracker.example/p.gif)", NO_SRC),
    ('<img src=" //tracker.example/p.gif" alt="pixel">', NO_SRC),
    ('<img src="/\\tracker.example/p.gif" alt="pixel">', NO_SRC),
    ('<img src="\\\\tracker.example/p.gif" alt="pixel">', NO_SRC),
    ('<img src="/&#x09;/tracker.example/p.gif" alt="pixel">', NO_SRC),
    ('<img src="https:tracker.example/p.gif" alt="pixel">', NO_SRC),
    ('<img src="https://[::1" alt="pixel">', NO_SRC),
    # Images only from absolute addresses: a relative one would request a page of this site.
    ("![pixel](/static/p.gif)", NO_SRC),
    ("![pixel](p.gif)", NO_SRC),
    ("![pixel](../logout/)", NO_SRC),
    ('<img src="?x=1" alt="pixel">', NO_SRC),
    ("<img src=x>", "<p></p>"),
    ('<img src="" alt="pixel">', NO_SRC),
    ('<img alt="pixel">', NO_SRC),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="pixel">', NO_SRC),
    # The alt text is text, escaped again, however it was written.
    (
        '<img src="x" alt="<script>alert(1)</script> &amp; &quot;">',
        '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "</p>',
    ),
    (
        '<img src="x" alt="a"><img src="https://example.org/b.png" alt="b">',
        '<p>a<img src="https://example.org/b.png" alt="b"></p>',
    ),
]


@pytest.mark.parametrize(("text", "expected"), HOSTILE_INPUTS)
def test_render_markdown_removes_what_could_run_code(text, expected):
    assert render_markdown(text).strip() == expected


def test_render_markdown_links_get_nofollow_noopener_and_keep_safe_urls():
    html = render_markdown(
        "[site](https://example.org/a?b=1) [page](/stories/x/) [mail](mailto:mel@example.org)"
        ' <a href="https://example.org" rel="opener" target="_blank">raw</a>'
    )

    assert html == (
        '<p><a href="https://example.org/a?b=1" rel="nofollow noopener">site</a> '
        '<a href="/stories/x/" rel="nofollow noopener">page</a> '
        '<a href="mailto:mel@example.org" rel="nofollow noopener">mail</a> '
        '<a href="https://example.org" rel="nofollow noopener">raw</a></p>'
    )


def test_render_markdown_keeps_only_absolute_https_images():
    html = render_markdown(
        "![map](https://tiles.example.org/map.png) ![logo](/static/logo.png) ![x](photo.jpg)"
        " ![](HTTPS://tiles.example.org/b.png)"
    )

    assert html == (
        '<p><img alt="map" src="https://tiles.example.org/map.png"> logo x '
        '<img alt="" src="HTTPS://tiles.example.org/b.png"></p>'
    )


def test_render_markdown_keeps_plain_http_links_but_not_plain_http_images():
    html = render_markdown("[site](http://example.org) ![pixel](http://example.org/p.gif)")

    assert html == ('<p><a href="http://example.org" rel="nofollow noopener">site</a> pixel</p>')


def test_render_markdown_keeps_ordinary_formatting():
    html = render_markdown(
        "Some *emphasis*, **strong** and `code`.\n\n- one\n- two\n\n> quoted\n\n```\nx < y\n```"
    )

    assert html == (
        "<p>Some <em>emphasis</em>, <strong>strong</strong> and <code>code</code>.</p>\n"
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        "<blockquote>\n<p>quoted</p>\n</blockquote>\n"
        "<pre><code>x &lt; y\n</code></pre>"
    )


def test_render_markdown_headings_sit_in_order_under_the_page_title():
    assert render_markdown("# Top\n\n## Next") == "<h2>Top</h2>\n<h3>Next</h3>"
    assert render_markdown("## Top\n\n### Next") == "<h2>Top</h2>\n<h3>Next</h3>"
    assert render_markdown("#### Top\n\n<h5>Raw</h5>") == "<h2>Top</h2>\n<h3>Raw</h3>"
    assert render_markdown("# Top", top_heading=3) == "<h3>Top</h3>"
    assert render_markdown("# A\n\n###### F", top_heading=3) == "<h3>A</h3>\n<h6>F</h6>"


def test_render_markdown_tables_align_without_style_attributes():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")

    assert html == (
        '<table>\n<thead>\n<tr>\n<th align="left">a</th>\n<th align="right">b</th>\n'
        '</tr>\n</thead>\n<tbody>\n<tr>\n<td align="left">1</td>\n<td align="right">2</td>\n'
        "</tr>\n</tbody>\n</table>"
    )


def test_render_markdown_returns_safe_html_and_nothing_for_nothing():
    assert isinstance(render_markdown("*x*"), SafeString)
    assert render_markdown("") == ""


def test_markdown_filter_renders_sanitised_html_in_a_template():
    template = Template(
        "{% load hub %}<div>{{ text|markdown }}</div><div>{{ text|markdown:3 }}</div>"
    )

    html = template.render(Context({"text": "# Hi <script>alert(1)</script>"}))

    assert html == "<div><h2>Hi </h2></div><div><h3>Hi </h3></div>"


def test_markdown_as_plain_text_reads_as_the_page_does_without_markup(settings):
    settings.SITE_URL = "https://convene.example.org"
    text = (
        "## Bring\n\nSome **paper** and *glue*: see [the list](https://example.org/list), "
        "[our page](/stories/zines/) or <https://example.org>.\n\n"
        "- scissors\n- pens\n\n1. cut\n2. stick\n\n```\nfold  here\n  then here\n```\n\n"
        "| Size | Pages |\n|---|---|\n| A5 | 8 |\n\n"
        "![a folded zine](https://example.org/zine.png) ![pixel](http://t.example/p.gif)"
        "<script>alert(1)</script> &amp; <b>bold</b>"
    )

    assert markdown_as_plain_text(text) == (
        "Bring\n\n"
        "Some paper and glue: see the list (https://example.org/list), our page "
        "(https://convene.example.org/stories/zines/) or https://example.org.\n\n"
        "- scissors\n- pens\n\n1. cut\n2. stick\n\n"
        "fold  here\n  then here\n\n"
        "Size | Pages\nA5 | 8\n\n"
        "a folded zine pixel & bold"
    )


def test_markdown_as_plain_text_leaves_text_without_markdown_as_it_is():
    assert markdown_as_plain_text("  Stories, failures; and what we learned.\nAll day.  ") == (
        "Stories, failures; and what we learned.\nAll day."
    )
