package dev.fortress.platform.events;

import java.time.Clock;
import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lets tests outside this package make a dead letter on purpose: a {@link Probe} whose
 * listener fails until it is cured (the test configuration dead-letters it after three
 * quick attempts), and the count of its effects once replayed.
 */
public final class DeadLetterProbe {

	private final ApplicationContext context;

	public DeadLetterProbe(ApplicationContext context) {
		this.context = context;
	}

	/** Publishes a poison probe in its own transaction; returns its key. */
	public UUID poison() {
		this.context.getBean(JdbcClient.class)
			.sql("create table if not exists probe_effects (key uuid not null, event_id uuid not null)")
			.update();
		UUID key = UUID.randomUUID();
		Probe probe = new Probe(key, "poison", EventMetadata.now(this.context.getBean(Clock.class)));
		this.context.getBean(TransactionTemplate.class)
			.executeWithoutResult((status) -> this.context.publishEvent(probe));
		return key;
	}

	/** From now on the probe's listener succeeds. */
	public void cure(UUID key) {
		this.context.getBean(ProbeListener.class).cure(key);
	}

	public int effects(UUID key) {
		return this.context.getBean(ProbeListener.class).effects(key);
	}

}
