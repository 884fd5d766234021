package dev.fortress.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * HTTP caching of public reads: a weak {@code ETag} computed from what the body shows, so
 * {@code If-None-Match} with it answers {@code 304} without a body (Spring compares the
 * tags of a {@code ResponseEntity} for GET and HEAD), and
 * {@code Cache-Control: no-cache, public}: any cache may keep the response but must ask
 * again each time, which with the tag costs a {@code 304}. Nothing is served stale beyond
 * what the server's own caches allow (ADR 0050). The tag depends only on the content, so
 * every instance computes the same one.
 */
public final class HttpCaching {

	public static final CacheControl REVALIDATE = CacheControl.noCache().cachePublic();

	private HttpCaching() {
	}

	/** A weak tag naming this content: the first 128 bits of its SHA-256, base64url. */
	public static String weakTag(CharSequence content) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(content.toString().getBytes(StandardCharsets.UTF_8));
			return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

	/**
	 * The response with the tag and the revalidation policy, replacing the
	 * {@code Cache-Control: no-store} that every response gets by default.
	 */
	public static <T> ResponseEntity<T> revalidated(ResponseEntity<T> response, String tag) {
		HttpHeaders headers = new HttpHeaders();
		headers.putAll(response.getHeaders());
		headers.setETag(tag);
		headers.setCacheControl(REVALIDATE);
		return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
	}

}
