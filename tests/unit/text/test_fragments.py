"""The one rule for joined HTML fragments: text is escaped once, a fragment never again."""

from __future__ import annotations

from markupsafe import Markup

from rolebook.text.fragments import fragment, join, text


def test_a_fragment_inside_a_fragment_is_kept_as_markup():
    inner = fragment('{title} <span class="rolebook-muted">({role})</span>', title=Markup("<em>A</em>"), role="B & C")
    outer = fragment('<a href="{href}">{label}</a>', href=Markup("#x"), label=inner)
    assert outer == '<a href="#x"><em>A</em> <span class="rolebook-muted">(B &amp; C)</span></a>'
    assert "&lt;" not in outer and "&amp;lt;" not in outer


def test_text_is_escaped_once_for_html_and_markdown():
    made = fragment("<code>{ref}</code>", ref="<script>*x*</script>")
    assert made == "<code>&lt;script&gt;&#42;x&#42;&lt;/script&gt;</code>"
    assert text(made) is made  # a fragment passed on is not escaped again


def test_joined_parts_keep_fragments_and_escape_text():
    assert join([Markup("<b>a</b>"), "<i>"], " ") == "<b>a</b> &lt;i&gt;"


def test_the_old_mistake_is_what_this_prevents():
    """Markup + str escapes the str, markup and all: the double escaping issue 23 found."""
    joined = Markup("<em>A</em>") + ' <span class="x">(B)</span>'
    assert "&lt;span" in joined
    assert "&lt;span" not in fragment("{a}{b}", a=Markup("<em>A</em>"), b=Markup(' <span class="x">(B)</span>'))
