package dev.fortress.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.orders.CheckoutAttempts;
import dev.fortress.platform.events.EventMetadata;
import dev.fortress.platform.events.Origin;

/**
 * Counts checkout requests per drop in memory and publishes the counts as
 * {@link CheckoutAttempts} about once a second, one event per drop that had any. A
 * sold-out refusal is answered without touching the database (ADR 0036), and a statement
 * per attempt would undo that: a request costs one {@link LongAdder} increment here, and
 * the flush one transaction for all drops.
 * <p>
 * Only drops that exist are counted (the request was drafted, or the drop is known to be
 * sold out), so the map holds at most one small counter per drop ever sold, and made-up
 * drop ids cannot grow it. A flush whose transaction fails adds its counts back, so they
 * go out with the next one; what is counted when the instance stops abruptly is lost (a
 * graceful stop flushes).
 */
@Component
class CheckoutAttemptCounter {

	private static final Logger log = LoggerFactory.getLogger(CheckoutAttemptCounter.class);

	private final Map<UUID, LongAdder> counts = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile Instant windowStart;

	CheckoutAttemptCounter(ApplicationEventPublisher events, TransactionTemplate transactions, Clock clock) {
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		this.windowStart = now();
	}

	/** One checkout request named this drop. */
	void count(UUID dropId) {
		this.counts.computeIfAbsent(dropId, (id) -> new LongAdder()).increment();
	}

	/**
	 * Publishes what was counted since the last flush. {@link LongAdder#sumThenReset()}
	 * takes each cell with an atomic get-and-set, so an increment racing the flush is in
	 * this window or the next, never lost.
	 */
	@Scheduled(fixedDelayString = "${fortress.orders.attempts-flush-interval:1s}",
			initialDelayString = "${fortress.orders.attempts-flush-interval:1s}")
	void flush() {
		Instant start = this.windowStart;
		Instant end = now();
		Map<UUID, Long> taken = new java.util.HashMap<>();
		this.counts.forEach((dropId, adder) -> {
			long count = adder.sumThenReset();
			if (count > 0) {
				taken.put(dropId, count);
			}
		});
		this.windowStart = end;
		if (taken.isEmpty()) {
			return;
		}
		try {
			this.transactions
				.executeWithoutResult((status) -> taken.forEach((dropId, count) -> this.events.publishEvent(
						new CheckoutAttempts(dropId, count, start, end, EventMetadata.of(Origin.NONE, this.clock)))));
		}
		catch (RuntimeException ex) {
			log.warn("Checkout attempts of {} drops could not be published now, kept for the next flush: {}",
					taken.size(), ex.getMessage());
			taken.forEach((dropId, count) -> this.counts.computeIfAbsent(dropId, (id) -> new LongAdder()).add(count));
		}
	}

	@PreDestroy
	void flushOnStop() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Checkout attempts could not be published on shutdown: {}", ex.getMessage());
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
