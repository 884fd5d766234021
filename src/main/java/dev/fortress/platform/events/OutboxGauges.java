package dev.fortress.platform.events;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads the outbox's counts for the gauges in one statement, at most once a second
 * however many gauges a scrape reads.
 */
final class OutboxGauges {

	private static final long MAX_AGE_NANOS = 1_000_000_000L;

	private final JdbcClient jdbc;

	private volatile long readAt;

	private volatile Map<String, Object> last = Map.of();

	OutboxGauges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	double incomplete() {
		return value("incomplete");
	}

	double failed() {
		return value("failed");
	}

	double deadLetters() {
		return value("dead");
	}

	double oldestIncompleteSeconds() {
		return value("lag");
	}

	private double value(String name) {
		long now = System.nanoTime();
		if (this.last.isEmpty() || now - this.readAt > MAX_AGE_NANOS) {
			synchronized (this) {
				if (this.last.isEmpty() || now - this.readAt > MAX_AGE_NANOS) {
					try {
						this.last = this.jdbc.sql("""
								select count(*) filter (where completion_date is null) as incomplete,
								    count(*) filter (where status = 'FAILED') as failed,
								    (select count(*) from dead_letters where replayed_at is null) as dead,
								    coalesce(extract(epoch from now() - min(publication_date)), 0) as lag
								from event_publication where completion_date is null
								""").query().singleRow();
						this.readAt = now;
					}
					catch (RuntimeException ex) {
						return Double.NaN;
					}
				}
			}
		}
		Object value = this.last.get(name);
		return (value instanceof Number number) ? number.doubleValue() : Double.NaN;
	}

}
