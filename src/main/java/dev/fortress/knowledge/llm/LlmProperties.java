package dev.fortress.knowledge.llm;

import java.math.BigDecimal;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The language model's settings, bound from {@code fortress.llm.*} (docs/knowledge.md,
 * "Answers").
 *
 * @param url the OpenAI-compatible API's base URL ({@code FORTRESS_LLM_URL}, e.g.
 * {@code https://api.openai.com/v1}); blank: no model, answers are extractive
 * @param model the model name sent with every request ({@code FORTRESS_LLM_MODEL})
 * @param apiKey the bearer token ({@code FORTRESS_LLM_API_KEY}); may be blank for a local
 * server that wants none
 * @param connectTimeout TCP connect timeout
 * @param firstTokenTimeout the longest silence on the socket: before the first token of a
 * stream (or the whole reply of a non-streamed call), and between two chunks
 * @param totalTimeout the longest a call may take from request to last token
 * @param maxAttempts attempts per call, the first included; only transient failures
 * (connection, timeout, {@code 429}, {@code 5xx}) before any token arrived are retried
 * @param backoffInitial delay before the first retry, doubled per retry, with jitter
 * @param backoffMax upper bound of a retry delay
 * @param userDailyTokens tokens in plus out one user may spend per UTC day
 * @param platformDailyTokens tokens the platform's own work (moderation) may spend per
 * UTC day
 * @param priceInPer1k the provider's price per 1,000 prompt tokens, for the cost estimate
 * @param priceOutPer1k the provider's price per 1,000 completion tokens
 * @param circuitBreaker the breaker in front of the provider
 */
@ConfigurationProperties("fortress.llm")
public record LlmProperties(@Nullable String url, @Nullable String model, @Nullable String apiKey,
		@Nullable Duration connectTimeout, @Nullable Duration firstTokenTimeout, @Nullable Duration totalTimeout,
		@Nullable Integer maxAttempts, @Nullable Duration backoffInitial, @Nullable Duration backoffMax,
		@Nullable Long userDailyTokens, @Nullable Long platformDailyTokens, @Nullable BigDecimal priceInPer1k,
		@Nullable BigDecimal priceOutPer1k, @Nullable CircuitBreakerSettings circuitBreaker) {

	public LlmProperties {
		url = url == null ? "" : url.strip();
		model = model == null || model.isBlank() ? "gpt-4o-mini" : model.strip();
		apiKey = apiKey == null ? "" : apiKey.strip();
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
		firstTokenTimeout = firstTokenTimeout == null ? Duration.ofSeconds(10) : firstTokenTimeout;
		totalTimeout = totalTimeout == null ? Duration.ofSeconds(60) : totalTimeout;
		maxAttempts = maxAttempts == null ? 3 : Math.max(1, maxAttempts);
		backoffInitial = backoffInitial == null ? Duration.ofMillis(200) : backoffInitial;
		backoffMax = backoffMax == null ? Duration.ofSeconds(2) : backoffMax;
		userDailyTokens = userDailyTokens == null ? 50_000L : userDailyTokens;
		platformDailyTokens = platformDailyTokens == null ? 1_000_000L : platformDailyTokens;
		priceInPer1k = priceInPer1k == null ? BigDecimal.ZERO : priceInPer1k;
		priceOutPer1k = priceOutPer1k == null ? BigDecimal.ZERO : priceOutPer1k;
		circuitBreaker = circuitBreaker == null ? new CircuitBreakerSettings(null, null, null, null, null)
				: circuitBreaker;
	}

	/** Whether a model is configured at all. */
	public boolean configured() {
		return !this.url.isEmpty();
	}

	/** Everything but the key, which must not reach a log. */
	@Override
	public String toString() {
		return "LlmProperties[url=" + this.url + ", model=" + this.model + ", apiKey="
				+ (this.apiKey.isEmpty() ? "" : "***") + ", totalTimeout=" + this.totalTimeout + "]";
	}

	/**
	 * @param slidingWindowSize calls the failure rate is computed over
	 * @param minimumNumberOfCalls calls before the rate counts
	 * @param failureRateThreshold percentage of failed calls that opens the breaker
	 * @param waitDurationInOpenState how long it stays open before letting a probe
	 * through
	 * @param permittedCallsInHalfOpenState probes while half open
	 */
	public record CircuitBreakerSettings(@Nullable Integer slidingWindowSize, @Nullable Integer minimumNumberOfCalls,
			@Nullable Float failureRateThreshold, @Nullable Duration waitDurationInOpenState,
			@Nullable Integer permittedCallsInHalfOpenState) {

		public CircuitBreakerSettings {
			slidingWindowSize = slidingWindowSize == null ? 10 : slidingWindowSize;
			minimumNumberOfCalls = minimumNumberOfCalls == null ? 5 : minimumNumberOfCalls;
			failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
			waitDurationInOpenState = waitDurationInOpenState == null ? Duration.ofSeconds(30)
					: waitDurationInOpenState;
			permittedCallsInHalfOpenState = permittedCallsInHalfOpenState == null ? 2 : permittedCallsInHalfOpenState;
		}

	}

}
