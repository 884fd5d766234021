package dev.fortress.payments.internal;

import java.time.Clock;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fortress.payments.sandbox.SandboxServer;

/**
 * Wires the payments module. The circuit breaker and the bulkhead are registered in
 * Resilience4j's registries (both named {@value #PROVIDER}), so their state and counts
 * appear in {@code /actuator/prometheus} ({@code resilience4j_circuitbreaker_*},
 * {@code resilience4j_bulkhead_*}) and the breaker in the health details.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentsConfiguration {

	static final String PROVIDER = "psp";

	@Bean
	CircuitBreaker pspCircuitBreaker(CircuitBreakerRegistry registry, PaymentsProperties properties) {
		PaymentsProperties.CircuitBreakerSettings settings = properties.circuitBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.slidingWindowSize())
			.minimumNumberOfCalls(settings.minimumNumberOfCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitDurationInOpenState())
			.permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
			.build();
		CircuitBreaker breaker = registry.circuitBreaker(PROVIDER, config);
		ProviderLog.transitionsOf(breaker);
		return breaker;
	}

	@Bean
	Bulkhead pspBulkhead(BulkheadRegistry registry, PaymentsProperties properties) {
		BulkheadConfig config = BulkheadConfig.custom()
			.maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
			.maxWaitDuration(properties.bulkhead().maxWait())
			// First come, first served: a waiting buyer is not overtaken by later ones.
			.fairCallHandlingStrategyEnabled(true)
			.build();
		return registry.bulkhead(PROVIDER, config);
	}

	/** How many payments wait for reconciliation: it should hover near zero. */
	@Bean
	MeterBinder unsettledPaymentsGauge(Payments payments) {
		return registry -> Gauge.builder("fortress.payments.unsettled", payments, Payments::countUnsettled)
			.description("Payments whose outcome is not settled yet (charging, unknown, being voided)")
			.register(registry);
	}

	@Bean
	PspEndpoint pspEndpoint(PaymentsProperties properties, ObjectProvider<SandboxServer> sandbox) {
		if (!properties.pspUrl().isBlank()) {
			if (properties.apiKey().isBlank()) {
				throw new IllegalStateException("FORTRESS_PSP_API_KEY is required with FORTRESS_PSP_URL");
			}
			return new PspEndpoint(properties.pspUrl(), properties.apiKey());
		}
		SandboxServer server = sandbox.getIfAvailable();
		if (server == null) {
			// Otherwise every charge would go to a provider nobody runs and be refused.
			throw new IllegalStateException(
					"FORTRESS_PSP_URL is required when the built-in sandbox is disabled (FORTRESS_PSP_SANDBOX_ENABLED=false)");
		}
		return new PspEndpoint(server.baseUri().toString(), server.apiKey());
	}

	@Bean
	PspClient pspClient(PspEndpoint endpoint, PaymentsProperties properties, CircuitBreaker pspCircuitBreaker,
			Clock clock, JsonMapper json, MeterRegistry meters) {
		CircuitOpenClock openClock = new CircuitOpenClock(pspCircuitBreaker, clock,
				properties.circuitBreaker().waitDurationInOpenState());
		return new PspClient(endpoint, properties, pspCircuitBreaker, openClock, json, meters);
	}

	@Bean
	Payments payments(JdbcClient jdbc) {
		return new Payments(jdbc);
	}

	@Bean
	ChargeFlow chargeFlow(PspClient client) {
		return new ChargeFlow(client);
	}

	@Bean
	PaymentService paymentService(Payments payments, ChargeFlow flow, PaymentsProperties properties, Clock clock,
			MeterRegistry meters, Bulkhead pspBulkhead) {
		return new PaymentService(payments, flow, properties, clock, meters, pspBulkhead);
	}

	@Bean
	PaymentReconciler paymentReconciler(Payments payments, ChargeFlow flow, PaymentsProperties properties, Clock clock,
			TransactionTemplate transactions, ApplicationEventPublisher events, MeterRegistry meters) {
		return new PaymentReconciler(payments, flow, properties, clock, transactions, events, meters);
	}

	@Bean
	ProviderRefunds providerRefunds(PspClient client, Payments payments, JdbcClient jdbc,
			TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
		return new ProviderRefunds(client, payments, new FeedPositions(jdbc), transactions, events, clock);
	}

}
