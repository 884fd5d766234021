package dev.fortress.payments.internal;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the payments module. The circuit breaker is registered in Resilience4j's registry
 * (name {@value #BREAKER}), so its state and call counts appear in
 * {@code /actuator/prometheus} ({@code resilience4j_circuitbreaker_*}) and in the health
 * details.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PaymentsConfiguration {

	static final String BREAKER = "psp";

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
		return registry.circuitBreaker(BREAKER, config);
	}

	/** How many payments wait for reconciliation: it should hover near zero. */
	@Bean
	MeterBinder unsettledPaymentsGauge(Payments payments) {
		return registry -> Gauge.builder("fortress.payments.unsettled", payments, Payments::countUnsettled)
			.description("Payments whose outcome is not settled yet (charging, unknown, being voided)")
			.register(registry);
	}

	@Bean
	PspEndpoint pspEndpoint(PaymentsProperties properties, Environment environment) {
		boolean sandbox = environment.getProperty("fortress.payments.sandbox.enabled", Boolean.class, true);
		if (properties.pspUrl().isBlank() && !sandbox) {
			// Otherwise every charge would reach a path nobody serves and be refused.
			throw new IllegalStateException(
					"FORTRESS_PSP_URL is required when the built-in sandbox is disabled (FORTRESS_PSP_SANDBOX_ENABLED=false)");
		}
		return new PspEndpoint(properties.pspUrl());
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
			MeterRegistry meters) {
		return new PaymentService(payments, flow, properties, clock, meters);
	}

	@Bean
	PaymentReconciler paymentReconciler(Payments payments, ChargeFlow flow, PaymentsProperties properties, Clock clock,
			TransactionTemplate transactions, ApplicationEventPublisher events, MeterRegistry meters) {
		return new PaymentReconciler(payments, flow, properties, clock, transactions, events, meters);
	}

}
