package dev.fortress.platform.web;

import java.util.List;

import org.springframework.util.AntPathMatcher;

/**
 * The paths of the browser app: its pages (each serves the same shell, which routes on
 * the client) and its static files. They are public and get the app's content security
 * policy; everything else keeps the API's, which allows nothing. Declared here, beside
 * {@link SecurityHeadersFilter}, so the gate that chooses the policy and the module that
 * serves the pages read one list.
 */
public final class WebAppPaths {

	/** Pages that serve the app's shell, so a deep link or a reload lands on its page. */
	public static final List<String> PAGES = List.of("/", "/signin", "/signup", "/account", "/projects", "/projects/*",
			"/tasks/*", "/catalog", "/products/*", "/drops/*", "/orders", "/chat", "/chat/*", "/admin", "/admin/*",
			"/search", "/ask", "/articles", "/articles/*");

	/** The app's scripts, styles and images. */
	public static final String ASSETS = "/assets/**";

	private static final AntPathMatcher MATCHER = new AntPathMatcher();

	private WebAppPaths() {
	}

	/** Whether the routed path is one of the app's pages or files. */
	public static boolean matches(String path) {
		return MATCHER.match(ASSETS, path) || PAGES.stream().anyMatch(page -> MATCHER.match(page, path));
	}

}
