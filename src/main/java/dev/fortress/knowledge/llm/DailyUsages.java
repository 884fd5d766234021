package dev.fortress.knowledge.llm;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code llm_usage} ledger: tokens per account, UTC day and purpose. Every instance
 * charges the same rows, so a quota holds across instances. A charge is one upsert that
 * adds to the row, never a read-modify-write, so concurrent charges never lose tokens.
 */
@Repository
public class DailyUsages {

	/** The account of the platform's own work (a call without a user). */
	public static final UUID PLATFORM = new UUID(0, 0);

	private final JdbcClient jdbc;

	DailyUsages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Tokens in plus out the account has spent on the day, every purpose together. */
	long spent(UUID account, LocalDate day) {
		return this.jdbc.sql("""
				select coalesce(sum(tokens_in + tokens_out), 0) from llm_usage
				where user_id = :account and day = :day""")
			.param("account", account)
			.param("day", day)
			.query(Long.class)
			.single();
	}

	void charge(UUID account, LocalDate day, String purpose, long tokensIn, long tokensOut) {
		this.jdbc.sql("""
				insert into llm_usage (user_id, day, purpose, calls, tokens_in, tokens_out)
				values (:account, :day, :purpose, 1, :in, :out)
				on conflict (user_id, day, purpose) do update
				   set calls = llm_usage.calls + 1,
				       tokens_in = llm_usage.tokens_in + excluded.tokens_in,
				       tokens_out = llm_usage.tokens_out + excluded.tokens_out""")
			.param("account", account)
			.param("day", day)
			.param("purpose", purpose)
			.param("in", tokensIn)
			.param("out", tokensOut)
			.update();
	}

	/** Every account's usage on the day, the largest spenders first. */
	public List<Usage> onDay(LocalDate day) {
		return this.jdbc.sql("""
				select user_id, purpose, calls, tokens_in, tokens_out from llm_usage
				where day = :day
				order by tokens_in + tokens_out desc, user_id, purpose
				limit 1000""")
			.param("day", day)
			.query((rs, n) -> new Usage(rs.getObject("user_id", UUID.class), rs.getString("purpose"),
					rs.getLong("calls"), rs.getLong("tokens_in"), rs.getLong("tokens_out")))
			.list();
	}

	/** One account's usage for one purpose on a day. */
	public record Usage(UUID userId, String purpose, long calls, long tokensIn, long tokensOut) {
	}

}
