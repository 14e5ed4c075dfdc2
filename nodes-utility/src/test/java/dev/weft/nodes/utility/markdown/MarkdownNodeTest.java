package dev.weft.nodes.utility.markdown;

import static dev.weft.nodes.utility.io.Runs.failure;
import static dev.weft.nodes.utility.io.Runs.json;
import static dev.weft.nodes.utility.io.Runs.ok;
import static dev.weft.nodes.utility.io.Runs.parse;
import static dev.weft.nodes.utility.io.Runs.quote;
import static dev.weft.nodes.utility.io.Runs.single;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownNodeTest {

  private static Object convert(String mode, String options, String input) {
    return ok(single("Markdown", "weft.markdown",
        "{ \"mode\": \"" + mode + "\", \"input\": \"{{ $json.text }}\"" + options + " }"), "[{\"text\": " + quote(input) + "}]")
        .items("Markdown").get(0).json().get("data");
  }

  @Test
  void rendersMarkdownWithTablesAndStrikethroughKeepingTheItem() {
    var r = ok(single("Markdown", "weft.markdown",
        "{ \"mode\": \"markdownToHtml\", \"input\": \"{{ $json.text }}\", \"outputField\": \"html\" }"),
        "[{\"text\": \"# Hi\\n\\n~~old~~ *new*\", \"id\": 3}]");

    assertThat(json(r.items("Markdown"))).isEqualTo(parse(
        "[{\"text\": \"# Hi\\n\\n~~old~~ *new*\", \"id\": 3, \"html\": \"<h1>Hi</h1>\\n<p><del>old</del> <em>new</em></p>\"}]"));
    assertThat(convert("markdownToHtml", "", "| a | b |\n|---|---|\n| 1 | 2 |"))
        .isEqualTo("<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n"
            + "</tr>\n</tbody>\n</table>");
  }

  @Test
  void escapesRawHtmlAndOpensLinksInNewWindowsOnRequest() {
    assertThat(convert("markdownToHtml", ", \"escapeHtml\": true, \"openLinksInNewWindow\": true",
        "<b>x</b> [w](https://weft.dev)"))
        .isEqualTo("<p>&lt;b&gt;x&lt;/b&gt; <a href=\"https://weft.dev\" target=\"_blank\" rel=\"noopener noreferrer\">w</a></p>");
  }

  @Test
  void convertsHtmlToMarkdown() {
    String html = """
        <h1>Title</h1><p>Some <strong>bold</strong> and <em>soft</em> text with <a href="https://weft.dev">a link</a>
        and <code>code</code>.</p>
        <ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>
        <ol start="3"><li>three</li></ol>
        <blockquote><p>quoted</p></blockquote>
        <pre><code class="language-java">int x = 1;
        </code></pre>
        <table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>
        <p>2 * 3 = 6</p><script>alert(1)</script>""";

    assertThat(convert("htmlToMarkdown", "", html)).isEqualTo("""
        # Title

        Some **bold** and _soft_ text with [a link](https://weft.dev) and `code`.

        * one
        * two
          * nested

        3. three

        > quoted

        ```java
        int x = 1;
        ```

        | a | b |
        | --- | --- |
        | 1 | 2 |

        2 \\* 3 = 6""");
  }

  @Test
  void followsTheChosenMarkdownStyle() {
    assertThat(convert("htmlToMarkdown", ", \"bulletMarker\": \"-\", \"headingStyle\": \"setext\", \"codeBlockStyle\": \"indented\"",
        "<h2>Sub</h2><ul><li>x</li></ul><pre>a\nb</pre>"))
        .isEqualTo("Sub\n---\n\n- x\n\n    a\n    b");
  }

  @Test
  void refusesInputThatIsNotText() {
    var error = failure(single("Markdown", "weft.markdown", "{ \"input\": \"{{ $json.obj }}\" }"), "[{\"obj\": {\"a\": 1}}]");

    assertThat(error.parameter()).isEqualTo("input");
    assertThat(error.message()).contains("must be text").contains("object");
  }
}
