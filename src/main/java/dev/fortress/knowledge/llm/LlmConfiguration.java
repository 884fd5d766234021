package dev.fortress.knowledge.llm;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the language model by hand from {@code fortress.llm.*}: no Spring AI
 * auto-configuration, which would want an API key at start-up, and no model at all when
 * {@code FORTRESS_LLM_URL} is unset. The breaker and the retry are registered in
 * Resilience4j's registries as {@value #NAME}, so their state reaches
 * {@code /actuator/prometheus} like the payment provider's.
 */
@Configuration(proxyBeanMethods = false)
class LlmConfiguration {

	/** The breaker's and the retry's name in the registries. */
	static final String NAME = "llm";

	private static final Logger log = LoggerFactory.getLogger(LlmConfiguration.class);

	@Bean
	GuardedLanguageModel languageModel(LlmProperties properties, CircuitBreakerRegistry breakers,
			ObjectProvider<RetryRegistry> retries, TokenQuota quota, LlmMeter meter) {
		CircuitBreaker breaker = breakers.circuitBreaker(NAME, breakerConfig(properties));
		RetryConfig retryConfig = retryConfig(properties);
		RetryRegistry registry = retries.getIfAvailable();
		Retry retry = registry == null ? Retry.of(NAME, retryConfig) : registry.retry(NAME, retryConfig);
		ChatModel model = chatModel(properties);
		log.info("Language model: {}",
				model == null ? "none (answers are extractive)" : properties.model() + " at " + properties.url());
		return new GuardedLanguageModel(model, properties.model(), breaker, retry, quota, meter);
	}

	private static @Nullable ChatModel chatModel(LlmProperties properties) {
		if (!properties.configured()) {
			return null;
		}
		OpenAiChatOptions.Builder options = OpenAiChatOptions.builder()
			.baseUrl(properties.url())
			.model(properties.model())
			// the whole call, streamed body included (OkHttp's call timeout)
			.timeout(properties.totalTimeout())
			// retries are ours: transient failures only, before any token, through the
			// breaker
			.maxRetries(0);
		if (!properties.apiKey().isEmpty()) {
			options.apiKey(properties.apiKey());
		}
		Duration connect = properties.connectTimeout();
		Duration idle = properties.firstTokenTimeout();
		return OpenAiChatModel.builder()
			.options(options.build())
			.httpClientBuilderCustomizer(client -> client
				.interceptor(chain -> chain.withConnectTimeout((int) connect.toMillis(), TimeUnit.MILLISECONDS)
					.withReadTimeout((int) idle.toMillis(), TimeUnit.MILLISECONDS)
					.proceed(chain.request())))
			.build();
	}

	private static CircuitBreakerConfig breakerConfig(LlmProperties properties) {
		LlmProperties.CircuitBreakerSettings settings = properties.circuitBreaker();
		return CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.recordException(Failures::transientAtProvider)
			// our caller going away says nothing about the provider
			.ignoreExceptions(Failures.DeliveryFailed.class)
			.build();
	}

	private static RetryConfig retryConfig(LlmProperties properties) {
		return RetryConfig.custom()
			.maxAttempts(properties.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.backoffInitial(), 2.0, 0.5,
					properties.backoffMax()))
			.retryOnException(Failures::retryable)
			.build();
	}

}
