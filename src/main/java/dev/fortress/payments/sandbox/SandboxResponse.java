package dev.fortress.payments.sandbox;

/** A response of the sandbox as it is stored for idempotent replays: status and JSON. */
record SandboxResponse(int status, String body, boolean replayed) {

	SandboxResponse(int status, String body) {
		this(status, body, false);
	}

	static SandboxResponse error(int status, String code, String message) {
		// Codes and messages are fixed strings of the sandbox, never caller input.
		return new SandboxResponse(status, "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
	}

	SandboxResponse asReplay() {
		return new SandboxResponse(this.status, this.body, true);
	}

}
