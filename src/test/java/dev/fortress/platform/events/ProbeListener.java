package dev.fortress.platform.events;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.MDC;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * An idempotent consumer of {@link Probe}: its effect is a row in {@code probe_effects},
 * written with the claim of the event id. A probe whose behaviour is {@code poison} fails
 * until the test cures it; every delivery is counted.
 */
@Component
class ProbeListener {

	static final String CONSUMER = "probe";

	private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();

	private final Map<UUID, Boolean> cured = new ConcurrentHashMap<>();

	private final Map<UUID, String> requestIds = new ConcurrentHashMap<>();

	private final ProcessedEvents processed;

	private final JdbcClient jdbc;

	ProbeListener(ProcessedEvents processed, JdbcClient jdbc) {
		this.processed = processed;
		this.jdbc = jdbc;
	}

	@ApplicationModuleListener
	void on(Probe probe) {
		this.deliveries.computeIfAbsent(probe.key(), (key) -> new AtomicInteger()).incrementAndGet();
		String requestId = MDC.get("requestId");
		if (requestId != null) {
			this.requestIds.put(probe.key(), requestId);
		}
		if ("poison".equals(probe.behaviour()) && !this.cured.containsKey(probe.key())) {
			throw new IllegalStateException("probe " + probe.key() + " is poison");
		}
		if (this.processed.firstDelivery(CONSUMER, probe)) {
			this.jdbc.sql("insert into probe_effects (key, event_id) values (:key, :id)")
				.param("key", probe.key())
				.param("id", probe.metadata().id())
				.update();
		}
	}

	int deliveries(UUID key) {
		AtomicInteger count = this.deliveries.get(key);
		return (count != null) ? count.get() : 0;
	}

	/** The request id in the logging context while the listener ran. */
	String requestIdSeen(UUID key) {
		return this.requestIds.get(key);
	}

	void cure(UUID key) {
		this.cured.put(key, true);
	}

	int effects(UUID key) {
		return this.jdbc.sql("select count(*) from probe_effects where key = :key")
			.param("key", key)
			.query(Integer.class)
			.single();
	}

}
