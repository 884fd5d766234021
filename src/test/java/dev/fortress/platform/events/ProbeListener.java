package dev.fortress.platform.events;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

	private final Map<UUID, String> requestIds = new ConcurrentHashMap<>();

	private final ProbeEffects effects;

	ProbeListener(ProcessedEvents processed, JdbcClient jdbc) {
		this.effects = new ProbeEffects(CONSUMER, processed, jdbc);
	}

	@ApplicationModuleListener
	void on(Probe probe) {
		String requestId = MDC.get("requestId");
		if (requestId != null) {
			this.requestIds.put(probe.key(), requestId);
		}
		this.effects.deliver(probe.key(), "poison".equals(probe.behaviour()), probe);
	}

	int deliveries(UUID key) {
		return this.effects.deliveries(key);
	}

	/** The request id in the logging context while the listener ran. */
	String requestIdSeen(UUID key) {
		return this.requestIds.get(key);
	}

	void cure(UUID key) {
		this.effects.cure(key);
	}

	int effects(UUID key) {
		return this.effects.effects(key);
	}

}
