package dev.fortress.payments.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * Remembers when the circuit last opened, so that a rejected caller can be told how long
 * to wait ({@code Retry-After}) instead of a fixed guess.
 */
class CircuitOpenClock {

	private final Clock clock;

	private final Duration waitInOpenState;

	private volatile Instant openedAt = Instant.EPOCH;

	CircuitOpenClock(CircuitBreaker breaker, Clock clock, Duration waitInOpenState) {
		this.clock = clock;
		this.waitInOpenState = waitInOpenState;
		breaker.getEventPublisher().onStateTransition(event -> {
			if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
				this.openedAt = clock.instant();
			}
		});
	}

	/**
	 * Time left until the circuit lets trial calls through, rounded up to whole seconds.
	 */
	Duration remainingOpen() {
		Duration left = this.waitInOpenState.minus(Duration.between(this.openedAt, this.clock.instant()));
		long seconds = Math.max(1, (left.toMillis() + 999) / 1000);
		return Duration.ofSeconds(Math.min(seconds, Math.max(1, this.waitInOpenState.toSeconds())));
	}

}
