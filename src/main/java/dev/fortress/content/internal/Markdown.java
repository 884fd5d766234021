package dev.fortress.content.internal;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;

/**
 * Renders an article's markdown to HTML that is safe to insert into a page. Two layers,
 * because either alone has been bypassed in other projects: CommonMark escapes raw HTML
 * in the source (a {@code <script>} becomes text) and refuses unsafe link schemes
 * ({@code javascript:}); jsoup then keeps only the elements and attributes of a relaxed
 * safelist, so a renderer bug cannot let markup through either.
 */
final class Markdown {

	private static final Parser PARSER = Parser.builder().build();

	private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

	private static final Safelist SAFELIST = Safelist.relaxed().addAttributes("a", "rel");

	private Markdown() {
	}

	static String toSafeHtml(String markdown) {
		String html = RENDERER.render(PARSER.parse(markdown));
		return Jsoup.clean(html, SAFELIST);
	}

}
