package dev.fortress.support;

import org.junit.jupiter.api.Assumptions;

/**
 * External services (Redis, an SMTP server…) that some integration tests need. On a
 * developer machine a test skips with a clear message when its service is absent; with
 * {@code FORTRESS_REQUIRE_SERVICES=true} (as {@code .ci/run} sets) it must run.
 */
public final class Services {

	private Services() {
	}

	public static boolean required() {
		return "true".equalsIgnoreCase(System.getenv("FORTRESS_REQUIRE_SERVICES"));
	}

	/**
	 * Skips the calling test when the service is absent, unless services are required.
	 */
	public static void assumeAvailable(String service, boolean available) {
		if (!available && required()) {
			throw new IllegalStateException(
					service + " is required (FORTRESS_REQUIRE_SERVICES=true) but not reachable");
		}
		Assumptions.assumeTrue(available, service + " is not reachable; skipping (set it up or see README)");
	}

}
