package dev.fortress.payments.sandbox;

import java.util.Map;

/**
 * A response of the sandbox: status, JSON body and extra headers. Status and body are
 * what an idempotency key stores and replays.
 */
record SandboxResponse(int status, String body, Map<String, String> headers) {

	SandboxResponse(int status, String body) {
		this(status, body, Map.of());
	}

	static SandboxResponse error(int status, String code, String message) {
		// Codes and messages are fixed strings of the sandbox, never caller input.
		return new SandboxResponse(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
	}

	SandboxResponse asReplay() {
		return new SandboxResponse(this.status, this.body, Map.of("Idempotent-Replayed", "true"));
	}

}
