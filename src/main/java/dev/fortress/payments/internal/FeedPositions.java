package dev.fortress.payments.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/** How far each provider feed has been read ({@code payment_feed_positions}). */
class FeedPositions {

	private final JdbcClient jdbc;

	FeedPositions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long position(String feed) {
		return this.jdbc.sql("select position from payment_feed_positions where feed = :feed")
			.param("feed", feed)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	/**
	 * Moves the position forward, never back (another instance may have gone further).
	 */
	void advance(String feed, long position) {
		this.jdbc.sql("""
				insert into payment_feed_positions (feed, position) values (:feed, :position)
				on conflict (feed) do update set position = greatest(payment_feed_positions.position, excluded.position)
				""").param("feed", feed).param("position", position).update();
	}

}
