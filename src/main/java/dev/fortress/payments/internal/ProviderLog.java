package dev.fortress.payments.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the payments client tells the log about the provider. Each circuit-breaker
 * transition is one line. Trouble (timeouts, failed attempts) is at most one line per
 * kind and quiet period, saying how many like it were left out: a provider that fails for
 * every buyer of a flash sale must not write a line (or a stack trace) per buyer.
 */
class ProviderLog {

	private static final Logger log = LoggerFactory.getLogger(ProviderLog.class);

	private final long quietNanos;

	private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

	ProviderLog(Duration quietPeriod) {
		this.quietNanos = quietPeriod.toNanos();
	}

	/** Logs every state transition of {@code breaker}, one line each. */
	static void transitionsOf(CircuitBreaker breaker) {
		breaker.getEventPublisher().onStateTransition(ProviderLog::transition);
	}

	private static void transition(CircuitBreakerOnStateTransitionEvent event) {
		CircuitBreaker.StateTransition transition = event.getStateTransition();
		switch (transition.getToState()) {
			case OPEN -> log.warn("Payment provider circuit {} -> OPEN: too many failed or timed-out calls; "
					+ "charges are refused at once until it half-opens", transition.getFromState());
			case HALF_OPEN -> log.info("Payment provider circuit OPEN -> HALF_OPEN: letting trial calls through");
			default ->
				log.info("Payment provider circuit {} -> {}", transition.getFromState(), transition.getToState());
		}
	}

	/**
	 * A line about provider trouble of the given kind, unless one of that kind was
	 * written within the quiet period (then it is only counted).
	 */
	void trouble(String kind, String message) {
		Throttle throttle = this.throttles.computeIfAbsent(kind, name -> new Throttle(System.nanoTime()));
		long now = System.nanoTime();
		long allowedFrom = throttle.allowedFrom.get();
		if (now - allowedFrom < 0 || !throttle.allowedFrom.compareAndSet(allowedFrom, now + this.quietNanos)) {
			throttle.leftOut.incrementAndGet();
			return;
		}
		int leftOut = throttle.leftOut.getAndSet(0);
		if (leftOut == 0) {
			log.warn("Payment provider: {}", message);
		}
		else {
			log.warn("Payment provider: {} ({} more like it since the last such line)", message, leftOut);
		}
	}

	private static final class Throttle {

		private final AtomicLong allowedFrom;

		private final AtomicInteger leftOut = new AtomicInteger();

		Throttle(long now) {
			this.allowedFrom = new AtomicLong(now);
		}

	}

}
