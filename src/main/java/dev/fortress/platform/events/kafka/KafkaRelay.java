package dev.fortress.platform.events.kafka;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.platform.events.DeadLetters;

/**
 * Sends {@code kafka_outbox} rows to Kafka, oldest first, keyed by aggregate id, so the
 * events of one order land on one partition in the order they happened. One instance
 * relays at a time (a PostgreSQL advisory lock held by the round's transaction); a round
 * sends a batch, waits for the brokers' acknowledgements, and marks sent the acknowledged
 * prefix. When the brokers are unreachable the round stops at the first unsent row and
 * the next round starts there: nothing is skipped and nothing overtakes. A row Kafka
 * refuses for itself (too large, say) is moved to the dead letters instead of holding up
 * the rest.
 */
class KafkaRelay {

	private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);

	/** The advisory lock key of the relay ("kafka" in ASCII). */
	private static final long LOCK = 0x6b61666b61L;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, String> kafka;

	private final KafkaRelayProperties properties;

	private final Clock clock;

	KafkaRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, String> kafka,
			KafkaRelayProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${fortress.kafka.interval}")
	void relay() {
		try {
			Integer sent;
			do {
				sent = this.transactions.execute((status) -> round());
			}
			while (sent != null && sent == this.properties.batch());
		}
		catch (RuntimeException ex) {
			log.warn("Kafka relay round failed; the next round starts where this one stopped: {}", ex.toString());
		}
	}

	/**
	 * @return how many rows left the outbox, or -1 when another instance relays
	 */
	private int round() {
		if (!this.jdbc.sql("select pg_try_advisory_xact_lock(:lock)")
			.param("lock", LOCK)
			.query(Boolean.class)
			.single()) {
			return -1;
		}
		List<Row> rows = this.jdbc.sql("""
				select id, event_id, topic, key, payload from kafka_outbox order by id limit :batch
				""").param("batch", this.properties.batch()).query(Row.class).list();
		List<CompletableFuture<SendResult<String, String>>> sends = new ArrayList<>(rows.size());
		for (Row row : rows) {
			ProducerRecord<String, String> record = new ProducerRecord<>(row.topic(), row.key(), row.payload());
			record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
			CompletableFuture<SendResult<String, String>> send = this.kafka.send(record);
			sends.add(send);
			if (send.isCompletedExceptionally()) {
				// Failed before it left (no metadata for the topic yet, a full buffer):
				// a later row sent now could reach the partition before this one.
				break;
			}
		}
		this.kafka.flush();
		List<Long> done = new ArrayList<>(rows.size());
		for (int i = 0; i < sends.size(); i++) {
			Throwable failure = outcome(sends.get(i));
			if (failure == null) {
				done.add(rows.get(i).id());
			}
			else if (retriable(failure)) {
				log.warn("Kafka is not taking events ({}); {} wait in the outbox", failure.toString(), rows.size() - i);
				break;
			}
			else {
				bury(rows.get(i), failure);
				done.add(rows.get(i).id());
			}
		}
		if (!done.isEmpty()) {
			this.jdbc.sql("delete from kafka_outbox where id in (:ids)").param("ids", done).update();
		}
		return done.size();
	}

	private Throwable outcome(CompletableFuture<SendResult<String, String>> send) {
		try {
			send.get(this.properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (ExecutionException ex) {
			return (ex.getCause() != null) ? ex.getCause() : ex;
		}
		catch (TimeoutException ex) {
			return ex;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex;
		}
	}

	private static boolean retriable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RetriableException || cause instanceof TimeoutException
					|| cause instanceof InterruptedException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/** A row Kafka will never take becomes a dead letter, so the rows behind it go on. */
	private void bury(Row row, Throwable failure) {
		log.error("Kafka refused event {} for {}: {}", row.eventId(), row.topic(), failure.toString());
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				insert into dead_letters (id, listener_id, event_type, serialized_event, publication_date, attempts,
				    last_error, first_failure_date, last_failure_date, dead_since)
				values (:id, :listener, :type, :payload, :now, 1, :error, :now, :now, :now)
				on conflict (id) do nothing
				""")
			.param("id", row.eventId())
			.param("listener", DeadLetters.KAFKA_RELAY + row.topic())
			.param("type", "CloudEvent")
			.param("payload", row.payload())
			.param("now", now)
			.param("error", failure.toString())
			.update();
	}

	record Row(long id, java.util.UUID eventId, String topic, String key, String payload) {
	}

}
