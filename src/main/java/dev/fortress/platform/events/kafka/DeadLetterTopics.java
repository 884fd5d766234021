package dev.fortress.platform.events.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.KafkaHeaders;

import dev.fortress.platform.events.DeadLetters;

/**
 * Reads the {@code <topic>.DLT} topics and files each record as a dead letter, next to
 * the in-process ones, so the one dead-letter API lists, shows, replays and purges both.
 * The letter's listener is {@code kafka:<group>:<topic>}; a replay puts the record back
 * on its topic (through the Kafka outbox), where the group that failed consumes it again
 * and the groups that had not fail skip it by their inbox. A letter's id is derived from
 * the dead-letter record's position and timestamp, so a dead-letter record read twice is
 * filed once.
 */
class DeadLetterTopics implements MessageListener<String, String> {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterTopics.class);

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Clock clock;

	private final int attempts;

	DeadLetterTopics(JdbcClient jdbc, JsonMapper json, Clock clock, int attempts) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
		this.attempts = attempts;
	}

	@Override
	public void onMessage(ConsumerRecord<String, String> record) {
		try {
			file(record);
		}
		catch (RuntimeException ex) {
			log.warn("Could not file the dead-letter record {}-{}@{}; trying again: {}", record.topic(),
					record.partition(), record.offset(), ex.toString());
			throw ex;
		}
	}

	private void file(ConsumerRecord<String, String> record) {
		String topic = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		if (topic == null) {
			topic = record.topic().substring(0, record.topic().length() - Topics.DEAD_LETTER_SUFFIX.length());
		}
		String group = header(record, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
		String cause = header(record, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
		String message = header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE);
		boolean unreadable = GroupListener.UnreadableRecord.class.getName().equals(cause);
		Timestamp now = Timestamp.from(this.clock.instant());
		// The record's position and its timestamp: the same record read twice gives the
		// same
		// id; a position reused by a recreated topic does not.
		String id = "dlt:" + record.topic() + ":" + record.partition() + ":" + record.offset() + ":"
				+ record.timestamp();
		this.jdbc.sql("""
				insert into dead_letters (id, listener_id, event_type, serialized_event, publication_date, attempts,
				    last_error, first_failure_date, last_failure_date, dead_since)
				values (:id, :listener, :type, :payload, :published, :attempts, :error, :now, :now, :now)
				on conflict (id) do nothing
				""")
			.param("id", UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)))
			.param("listener", DeadLetters.KAFKA_CONSUMER + ((group != null) ? group : "unknown") + ":" + topic)
			.param("type", type(record.value()))
			.param("payload", payload(record.value()))
			.param("published", Timestamp.from(originalTimestamp(record)))
			.param("attempts", unreadable ? 1 : this.attempts)
			.param("error", ((cause != null) ? cause + ": " : "") + ((message != null) ? message : "no message"))
			.param("now", now)
			.update();
	}

	/**
	 * The record's value as it was when it is JSON; otherwise as a JSON string, so the
	 * letter can still be shown (and replayed, to fail again) as JSON.
	 */
	private String payload(@Nullable String value) {
		try {
			if (value != null && !this.json.readTree(value).isMissingNode()) {
				return value;
			}
		}
		catch (RuntimeException notJson) {
			// written below as a JSON string
		}
		return this.json.writeValueAsString(value);
	}

	private String type(@Nullable String payload) {
		try {
			JsonNode type = (payload != null) ? this.json.readTree(payload).path("type") : null;
			return (type != null && type.isString()) ? type.asString() : "unreadable";
		}
		catch (RuntimeException ex) {
			return "unreadable";
		}
	}

	private static Instant originalTimestamp(ConsumerRecord<String, String> record) {
		Header header = record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP);
		if (header != null && header.value().length == Long.BYTES) {
			return Instant.ofEpochMilli(ByteBuffer.wrap(header.value()).getLong());
		}
		return Instant.ofEpochMilli(record.timestamp());
	}

	private static @Nullable String header(ConsumerRecord<String, String> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
