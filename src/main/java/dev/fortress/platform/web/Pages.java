package dev.fortress.platform.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Renders a {@link CursorPage} with the {@code Link: <…>; rel="next"} header the API
 * promises.
 */
public final class Pages {

	public static final String DEFAULT_LIMIT = "50";

	public static final int MAX_LIMIT = 200;

	private Pages() {
	}

	public static <T> ResponseEntity<CursorPage<T>> ok(CursorPage<T> page) {
		ResponseEntity.BodyBuilder response = ResponseEntity.ok();
		if (page.nextCursor() != null) {
			String next = ServletUriComponentsBuilder.fromCurrentRequest()
				.replaceQueryParam("cursor", page.nextCursor())
				.build()
				.encode()
				.toUriString();
			response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return response.body(page);
	}

}
