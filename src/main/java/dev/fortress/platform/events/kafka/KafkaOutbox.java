package dev.fortress.platform.events.kafka;

import java.sql.Timestamp;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.fortress.platform.events.DomainEvent;

/**
 * Writes every domain event, as the CloudEvent Kafka will carry, into
 * {@code kafka_outbox} in the transaction that publishes it: the event reaches Kafka if
 * and only if its change committed. {@link KafkaRelay} sends the rows in the order they
 * were written.
 */
class KafkaOutbox {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final KafkaRelayProperties properties;

	KafkaOutbox(JdbcClient jdbc, JsonMapper json, KafkaRelayProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.properties = properties;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
	void on(DomainEvent event) {
		CloudEvent cloudEvent = CloudEvent.of(event, this.properties.source(), this.json.writeValueAsString(event));
		this.jdbc.sql("""
				insert into kafka_outbox (event_id, topic, key, payload, created_at)
				values (:id, :topic, :key, :payload, :at)
				""")
			.param("id", event.metadata().id())
			.param("topic", topic(event))
			.param("key", event.aggregateId())
			.param("payload", this.json.writeValueAsString(cloudEvent))
			.param("at", Timestamp.from(event.metadata().occurredAt()))
			.update();
	}

	String topic(DomainEvent event) {
		return this.properties.topicPrefix() + Topics.module(event.getClass());
	}

}
