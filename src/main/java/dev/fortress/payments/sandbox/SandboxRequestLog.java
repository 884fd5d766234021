package dev.fortress.payments.sandbox;

import java.sql.Timestamp;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Every request the sandbox served, as a provider's dashboard shows them; tests count
 * attempts here. Only requests that passed the key and input checks are written, one row
 * each, after the work and before the answer is sent: whoever has the answer finds the
 * row.
 */
final class SandboxRequestLog {

	private final SandboxDatabase database;

	SandboxRequestLog(SandboxDatabase database) {
		this.database = database;
	}

	void record(@Nullable String idempotencyKey, String method, String path, int status, Instant receivedAt) {
		this.database.jdbc()
			.sql("""
					insert into sandbox_psp_requests (idempotency_key, method, path, status, received_at)
					values (:key, :method, :path, :status, :now)
					""")
			.param("key", idempotencyKey)
			.param("method", method)
			.param("path", path)
			.param("status", status)
			.param("now", Timestamp.from(receivedAt))
			.update();
	}

}
