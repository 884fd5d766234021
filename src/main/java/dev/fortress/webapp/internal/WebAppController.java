package dev.fortress.webapp.internal;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Answers every page of the app with the same shell, whose router then draws the page the
 * address names: a bookmark or a reload of {@code /projects/…} or {@code /admin/dlq}
 * works. The routes are listed ({@code WebAppPaths.PAGES}) rather than caught with a
 * wildcard, so an unknown path, and any unknown {@code /api} path, stays a {@code 404}
 * problem.
 */
@Controller
@Hidden
class WebAppController {

	private static final Resource SHELL = new ClassPathResource("webapp/index.html");

	@GetMapping(path = { "/", "/signin", "/signup", "/account", "/projects", "/projects/{id}", "/tasks/{id}",
			"/catalog", "/products/{id}", "/drops/{id}", "/orders", "/chat", "/chat/{id}", "/admin", "/admin/{page}",
			"/search", "/ask", "/articles", "/articles/{id}" }, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Resource> shell() {
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).body(SHELL);
	}

}
