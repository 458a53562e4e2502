from rolebook.text.compaction import compact_html


def test_indentation_runs_collapse_but_pre_and_textarea_keep_theirs():
    html = "<div>\n      <p>a   b</p>\n\n\n    <pre>x\n\n    y</pre>\n  <textarea>\n\n t</textarea>\n<script>// c\nvar x=1;</script>"
    out = compact_html(html)
    assert out == "<div>\n<p>a   b</p>\n<pre>x\n\n    y</pre>\n<textarea>\n\n t</textarea>\n<script>// c\nvar x=1;</script>"


def test_text_without_newlines_is_untouched():
    assert compact_html("<p>a  b</p> <b>c</b>") == "<p>a  b</p> <b>c</b>"


def test_only_html_whitespace_collapses_a_no_break_space_is_text():
    assert compact_html("<p>a \n\u00a0b\n \t\r\n\f c</p>") == "<p>a\n\u00a0b\nc</p>"
    assert compact_html("\n  <p>x</p>  \n") == "\n<p>x</p>\n"
