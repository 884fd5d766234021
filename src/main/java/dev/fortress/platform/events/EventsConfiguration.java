package dev.fortress.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
@EnableScheduling
class EventsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EventsConfiguration.class);

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static EventListenerContext eventListenerContext(ObjectProvider<Tracer> tracer,
			ObjectProvider<Propagator> propagator, @Lazy FailedDeliveries failures) {
		return new EventListenerContext(tracer, propagator, failures);
	}

	/**
	 * A listener that fails is retried and its error is stored with its delivery
	 * ({@link FailedDeliveries}), so the failure is logged as one warning line, not as an
	 * unexpected error with a stack trace per attempt.
	 */
	@Bean
	AsyncConfigurer listenerFailuresAreWarnings() {
		return new AsyncConfigurer() {
			@Override
			public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
				return (failure, method, arguments) -> log.warn("{}.{} failed, its delivery will be retried: {}",
						method.getDeclaringClass().getSimpleName(), method.getName(),
						FailedDeliveries.describe(failure));
			}
		};
	}

	/**
	 * The outbox's health as metrics: deliveries not completed yet, failed ones waiting
	 * for a retry, dead letters, and the age of the oldest incomplete delivery (the
	 * outbox lag). The gauges hold their {@link OutboxGauges} strongly: Micrometer keeps
	 * a gauge's object weakly by default, and nothing else refers to this one, so after
	 * the first garbage collection the gauges read NaN.
	 */
	@Bean
	MeterBinder eventMetrics(JdbcClient jdbc) {
		return (registry) -> {
			OutboxGauges gauges = new OutboxGauges(jdbc);
			Gauge.builder("fortress.events.incomplete", gauges, OutboxGauges::incomplete)
				.description("Event deliveries not completed yet (pending or failed)")
				.strongReference(true)
				.register(registry);
			Gauge.builder("fortress.events.failed", gauges, OutboxGauges::failed)
				.description("Event deliveries that failed and wait for a retry")
				.strongReference(true)
				.register(registry);
			Gauge.builder("fortress.events.dead.letters", gauges, OutboxGauges::deadLetters)
				.description("Event deliveries that failed every attempt and wait for an operator")
				.strongReference(true)
				.register(registry);
			Gauge.builder("fortress.events.oldest.incomplete", gauges, OutboxGauges::oldestIncompleteSeconds)
				.description("Age of the oldest incomplete event delivery: the outbox lag")
				.baseUnit("seconds")
				.strongReference(true)
				.register(registry);
		};
	}

}
