package dev.fortress.platform.events.kafka;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fortress.platform.events.EventConsumer;
import dev.fortress.platform.events.ProcessedEvents;

/**
 * An idempotent {@link EventConsumer} of {@link Beacon}s (the group
 * {@code fortress.platform} in scale-out mode): its effect is a row in
 * {@code probe_effects}, written with the claim of the event id. A poison beacon fails
 * until the test cures it; every delivery is counted.
 */
@Component
class BeaconConsumer {

	private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();

	private final Map<UUID, Boolean> cured = new ConcurrentHashMap<>();

	private final ProcessedEvents processed;

	private final JdbcClient jdbc;

	BeaconConsumer(ProcessedEvents processed, JdbcClient jdbc) {
		this.processed = processed;
		this.jdbc = jdbc;
	}

	@EventConsumer
	void on(Beacon beacon) {
		this.deliveries.computeIfAbsent(beacon.key(), (key) -> new AtomicInteger()).incrementAndGet();
		if ("poison".equals(beacon.behaviour()) && !this.cured.containsKey(beacon.key())) {
			throw new IllegalStateException("beacon " + beacon.key() + " is poison");
		}
		if (this.processed.firstDelivery("beacon", beacon)) {
			this.jdbc.sql("insert into probe_effects (key, event_id) values (:key, :id)")
				.param("key", beacon.key())
				.param("id", beacon.metadata().id())
				.update();
		}
	}

	int deliveries(UUID key) {
		AtomicInteger count = this.deliveries.get(key);
		return (count != null) ? count.get() : 0;
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
