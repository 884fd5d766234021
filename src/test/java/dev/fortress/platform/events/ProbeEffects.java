package dev.fortress.platform.events;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the test consumers of the event tests share: every delivery of a probe is counted,
 * a poison probe fails until the test cures it, and the effect is a row in
 * {@code probe_effects} written with the claim of the event id, so a redelivery has none.
 */
public final class ProbeEffects {

	private final Map<UUID, AtomicInteger> deliveries = new ConcurrentHashMap<>();

	private final Map<UUID, Boolean> cured = new ConcurrentHashMap<>();

	private final String consumer;

	private final ProcessedEvents processed;

	private final JdbcClient jdbc;

	public ProbeEffects(String consumer, ProcessedEvents processed, JdbcClient jdbc) {
		this.consumer = consumer;
		this.processed = processed;
		this.jdbc = jdbc;
	}

	/**
	 * One delivery of the probe {@code key} carried by {@code event}.
	 * @throws IllegalStateException while a poison probe is not cured
	 */
	public void deliver(UUID key, boolean poison, DomainEvent event) {
		this.deliveries.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
		if (poison && !this.cured.containsKey(key)) {
			throw new IllegalStateException("probe " + key + " is poison");
		}
		if (this.processed.firstDelivery(this.consumer, event)) {
			this.jdbc.sql("insert into probe_effects (key, event_id) values (:key, :id)")
				.param("key", key)
				.param("id", event.metadata().id())
				.update();
		}
	}

	public int deliveries(UUID key) {
		AtomicInteger count = this.deliveries.get(key);
		return (count != null) ? count.get() : 0;
	}

	public void cure(UUID key) {
		this.cured.put(key, true);
	}

	public int effects(UUID key) {
		return this.jdbc.sql("select count(*) from probe_effects where key = :key")
			.param("key", key)
			.query(Integer.class)
			.single();
	}

}
