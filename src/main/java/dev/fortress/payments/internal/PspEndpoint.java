package dev.fortress.payments.internal;

import java.net.URI;

/**
 * Where the provider lives and the key it expects in {@code X-Api-Key}: either
 * {@code FORTRESS_PSP_URL} with {@code FORTRESS_PSP_API_KEY}, or the built-in sandbox on
 * its own loopback port with the key it was started with. Either way the client reaches
 * it over HTTP, exactly as it would a remote provider.
 */
record PspEndpoint(String baseUrl, String apiKey) {

	PspEndpoint {
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** The provider URI for {@code path} (which starts with a slash). */
	URI resolve(String path) {
		return URI.create(this.baseUrl + path);
	}

	@Override
	public String toString() {
		return "PspEndpoint[" + this.baseUrl + "]";
	}

}
