package dev.fortress.payments.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payment client settings, bound from {@code fortress.payments.*} (see docs/payments.md).
 *
 * @param pspUrl the provider's base URL; blank means the sandbox this application runs on
 * its own loopback port ({@code FORTRESS_PSP_URL})
 * @param apiKey the provider API key, sent as {@code X-Api-Key}; required with
 * {@code pspUrl}, ignored for the built-in sandbox (whose key is handed over in process)
 * @param connectTimeout TCP connect timeout (at most 2 s)
 * @param readTimeout time to wait for the response headers (at most 2 s)
 * @param maxAttempts attempts per provider call, the first one included
 * @param backoffInitial delay before the first retry; doubled for each further retry
 * @param backoffMax upper bound of a retry delay
 * @param retryBudget no retry starts once this much time has passed since the first
 * attempt, so a call never blocks its caller much longer than this plus one timeout
 * @param retryAfter what callers are told to wait when the provider fails and the circuit
 * is still closed
 * @param reconcileInterval how often the reconciler looks for unsettled payments, and the
 * first delay of its backoff
 * @param reconcileMaxBackoff upper bound of the delay between two reconciliation attempts
 * of one payment
 * @param reconcileMaxAttempts after this many attempts an unknown payment is treated as
 * not captured and voided or refunded at the provider
 * @param reconcileBatchSize payments taken per reconciler run
 * @param lease how long a charge or reconciliation in progress owns its payment before
 * the reconciler may take it over (a process that died mid-charge)
 * @param refundCheckInterval how often the provider's refunds feed is read, so that a
 * refund made directly at the provider reaches the order
 * @param circuitBreaker the provider circuit breaker
 * @param bulkhead how many charges and refunds may talk to the provider at once
 */
@ConfigurationProperties("fortress.payments")
record PaymentsProperties(String pspUrl, String apiKey, Duration connectTimeout, Duration readTimeout,
		Integer maxAttempts, Duration backoffInitial, Duration backoffMax, Duration retryBudget, Duration retryAfter,
		Duration reconcileInterval, Duration reconcileMaxBackoff, Integer reconcileMaxAttempts,
		Integer reconcileBatchSize, Duration lease, Duration refundCheckInterval, CircuitBreakerSettings circuitBreaker,
		BulkheadSettings bulkhead) {

	private static final Duration MAX_TIMEOUT = Duration.ofSeconds(2);

	PaymentsProperties {
		pspUrl = pspUrl == null ? "" : pspUrl.trim();
		apiKey = apiKey == null ? "" : apiKey.strip();
		connectTimeout = atMostTwoSeconds("connect-timeout", connectTimeout);
		readTimeout = atMostTwoSeconds("read-timeout", readTimeout);
		maxAttempts = maxAttempts == null ? 3 : Math.max(1, maxAttempts);
		backoffInitial = backoffInitial == null ? Duration.ofMillis(100) : backoffInitial;
		backoffMax = backoffMax == null ? Duration.ofSeconds(1) : backoffMax;
		retryBudget = retryBudget == null ? Duration.ofSeconds(3) : retryBudget;
		retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
		reconcileInterval = reconcileInterval == null ? Duration.ofSeconds(10) : reconcileInterval;
		reconcileMaxBackoff = reconcileMaxBackoff == null ? Duration.ofMinutes(5) : reconcileMaxBackoff;
		reconcileMaxAttempts = reconcileMaxAttempts == null ? 8 : Math.max(1, reconcileMaxAttempts);
		reconcileBatchSize = reconcileBatchSize == null ? 20 : Math.max(1, reconcileBatchSize);
		lease = lease == null ? Duration.ofMinutes(1) : lease;
		refundCheckInterval = refundCheckInterval == null ? Duration.ofSeconds(30) : refundCheckInterval;
		circuitBreaker = circuitBreaker == null ? new CircuitBreakerSettings(null, null, null, null, null)
				: circuitBreaker;
		bulkhead = bulkhead == null ? new BulkheadSettings(null, null) : bulkhead;
	}

	/**
	 * Everything but the key, which must not reach a log through a bound-properties dump.
	 */
	@Override
	public String toString() {
		return "PaymentsProperties[pspUrl=" + this.pspUrl + ", apiKey=" + (this.apiKey.isEmpty() ? "" : "***")
				+ ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout + ", maxAttempts="
				+ this.maxAttempts + ", circuitBreaker=" + this.circuitBreaker + ", bulkhead=" + this.bulkhead + "]";
	}

	private static Duration atMostTwoSeconds(String name, Duration value) {
		if (value == null) {
			return MAX_TIMEOUT;
		}
		if (value.isNegative() || value.isZero() || value.compareTo(MAX_TIMEOUT) > 0) {
			// A checkout thread waits for this: a slow provider must not hold it longer.
			throw new IllegalArgumentException("fortress.payments." + name + " must be between 0 and 2s");
		}
		return value;
	}

	/**
	 * The circuit breaker around the provider: it opens when {@code failureRateThreshold}
	 * percent of the last {@code slidingWindowSize} calls failed (once at least
	 * {@code minimumNumberOfCalls} were made), rejects calls for
	 * {@code waitDurationInOpenState}, then lets {@code permittedCallsInHalfOpenState}
	 * trial calls through.
	 */
	record CircuitBreakerSettings(Integer failureRateThreshold, Integer slidingWindowSize, Integer minimumNumberOfCalls,
			Duration waitDurationInOpenState, Integer permittedCallsInHalfOpenState) {

		CircuitBreakerSettings {
			failureRateThreshold = failureRateThreshold == null ? 50 : failureRateThreshold;
			slidingWindowSize = slidingWindowSize == null ? 10 : slidingWindowSize;
			minimumNumberOfCalls = minimumNumberOfCalls == null ? 5 : minimumNumberOfCalls;
			waitDurationInOpenState = waitDurationInOpenState == null ? Duration.ofSeconds(10)
					: waitDurationInOpenState;
			permittedCallsInHalfOpenState = permittedCallsInHalfOpenState == null ? 2 : permittedCallsInHalfOpenState;
		}

	}

	/**
	 * The bulkhead around the provider: at most {@code maxConcurrentCalls} charges and
	 * refunds talk to the provider at once; a further one waits at most {@code maxWait}
	 * for a free place and is otherwise refused at once as unavailable, so excess load is
	 * shed before it reaches the provider rather than timing out inside it.
	 */
	record BulkheadSettings(Integer maxConcurrentCalls, Duration maxWait) {

		BulkheadSettings {
			maxConcurrentCalls = maxConcurrentCalls == null ? 32 : maxConcurrentCalls;
			maxWait = maxWait == null ? Duration.ofSeconds(2) : maxWait;
			if (maxConcurrentCalls < 1 || maxWait.isNegative()) {
				throw new IllegalArgumentException(
						"fortress.payments.bulkhead needs max-concurrent-calls >= 1 and a max-wait >= 0");
			}
		}

	}

}
