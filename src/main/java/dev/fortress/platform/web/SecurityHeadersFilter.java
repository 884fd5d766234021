package dev.fortress.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gate 2, applied up front so that even responses written by earlier gates (429, 413)
 * carry it: the browser-hardening headers. The API serves no HTML, so its content
 * security policy allows nothing; only the Swagger UI pages get a policy that lets them
 * load their own scripts and styles, and GraphiQL one that lets it load its own from its
 * CDN. The web app's pages and files ({@link WebAppPaths}) get a policy of their own:
 * scripts, styles and connections from this origin only, and no inline code, so an
 * injected {@code <script>} or {@code onclick} does not run. The pages are recognised by
 * their {@link RoutedPath}, so no spelling of an API path can borrow a weaker policy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	static final String DOCS_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
			+ "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

	/**
	 * GraphiQL (served outside production only) is a page whose scripts and styles come
	 * from esm.sh (one empty module as a {@code data:} URL); it talks to this server's
	 * {@code /graphql} alone.
	 */
	static final String GRAPHIQL_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline' https://esm.sh data:; "
			+ "style-src 'self' 'unsafe-inline' https://esm.sh; font-src 'self' data: https://esm.sh; "
			+ "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self' https://esm.sh; frame-ancestors 'none'";

	/**
	 * The web app: its own files and connections only (WebSocket included), no inline
	 * code.
	 */
	static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = RoutedPath.of(request);
		boolean docs = path.startsWith("/swagger-ui");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Content-Security-Policy", policy(path, docs));
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
		if (!docs) {
			response.setHeader("Cache-Control", "no-store");
		}
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		}
		chain.doFilter(request, response);
	}

	private static String policy(String path, boolean docs) {
		if (docs) {
			return DOCS_POLICY;
		}
		if (path.equals("/graphiql")) {
			return GRAPHIQL_POLICY;
		}
		return WebAppPaths.matches(path) ? APP_POLICY : API_POLICY;
	}

}
