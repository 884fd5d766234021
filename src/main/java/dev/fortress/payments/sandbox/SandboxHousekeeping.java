package dev.fortress.payments.sandbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets what a provider forgets: idempotency keys after 24 hours (as providers
 * document; the payments client settles every payment long before that) and the request
 * log after a week.
 */
@Component
@ConditionalOnBooleanProperty(name = "fortress.payments.sandbox.enabled", matchIfMissing = true)
class SandboxHousekeeping {

	static final Duration KEY_RETENTION = Duration.ofHours(24);

	static final Duration LOG_RETENTION = Duration.ofDays(7);

	private final SandboxDatabase database;

	private final Clock clock;

	SandboxHousekeeping(SandboxDatabase database, Clock clock) {
		this.database = database;
		this.clock = clock;
	}

	@Scheduled(initialDelay = 60_000, fixedDelay = 3_600_000)
	void forgetOldKeysAndRequests() {
		Instant now = this.clock.instant();
		this.database.jdbc()
			.sql("delete from sandbox_psp_idempotency_keys where state = 'DONE' and created_at < :before")
			.param("before", Timestamp.from(now.minus(KEY_RETENTION)))
			.update();
		this.database.jdbc()
			.sql("delete from sandbox_psp_requests where received_at < :before")
			.param("before", Timestamp.from(now.minus(LOG_RETENTION)))
			.update();
	}

}
