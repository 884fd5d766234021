package dev.fortress.platform.events.kafka;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.fortress.platform.events.EventConsumer;
import dev.fortress.platform.events.ProbeEffects;
import dev.fortress.platform.events.ProcessedEvents;

/**
 * An idempotent {@link EventConsumer} of {@link Beacon}s (the group
 * {@code fortress.platform} in scale-out mode); a poison beacon fails until the test
 * cures it.
 */
@Component
class BeaconConsumer {

	private final ProbeEffects effects;

	BeaconConsumer(ProcessedEvents processed, JdbcClient jdbc) {
		this.effects = new ProbeEffects("beacon", processed, jdbc);
	}

	@EventConsumer
	void on(Beacon beacon) {
		this.effects.deliver(beacon.key(), "poison".equals(beacon.behaviour()), beacon);
	}

	int deliveries(UUID key) {
		return this.effects.deliveries(key);
	}

	void cure(UUID key) {
		this.effects.cure(key);
	}

	int effects(UUID key) {
		return this.effects.effects(key);
	}

}
