package dev.fortress.payments.sandbox;

import java.util.Map;

/**
 * A request the sandbox refuses before doing anything (bad input, unknown path, wrong
 * method): it carries the {@code 4xx} answer. Thrown only while the request is read and
 * checked, never once storage was touched; it has no stack trace, as it is no error of
 * the sandbox.
 */
final class SandboxRefusal extends RuntimeException {

	private final transient SandboxResponse response;

	private SandboxRefusal(SandboxResponse response) {
		super(response.body(), null, false, false);
		this.response = response;
	}

	static SandboxRefusal of(int status, String code, String message) {
		return new SandboxRefusal(SandboxResponse.error(status, code, message));
	}

	static SandboxRefusal invalid(String message) {
		return of(400, "invalid_request", message);
	}

	static SandboxRefusal methodNotAllowed(String allowed) {
		SandboxResponse error = SandboxResponse.error(405, "method_not_allowed", "Method not allowed here");
		return new SandboxRefusal(new SandboxResponse(error.status(), error.body(), Map.of("Allow", allowed)));
	}

	SandboxResponse response() {
		return this.response;
	}

}
