package dev.fortress.payments.internal;

import java.net.URI;
import java.util.Optional;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Where the provider lives. {@code FORTRESS_PSP_URL} names it; when it is blank, the
 * sandbox served by this very application is used, reached over HTTP on the port the
 * server actually bound (random in tests), so the client is exercised exactly as it would
 * be against a remote provider.
 */
class PspEndpoint implements ApplicationListener<WebServerInitializedEvent> {

	static final String SANDBOX_PATH = "/sandbox-psp/v1";

	private volatile String baseUrl;

	PspEndpoint(String configuredUrl) {
		this.baseUrl = configuredUrl.isBlank() ? null : stripTrailingSlash(configuredUrl);
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		boolean mainServer = event.getApplicationContext().getServerNamespace() == null;
		if (this.baseUrl == null && mainServer) {
			this.baseUrl = "http://127.0.0.1:" + event.getWebServer().getPort() + SANDBOX_PATH;
		}
	}

	/** The provider URI for {@code path}, or empty while the own server is not up yet. */
	Optional<URI> resolve(String path) {
		String base = this.baseUrl;
		return base == null ? Optional.empty() : Optional.of(URI.create(base + path));
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
