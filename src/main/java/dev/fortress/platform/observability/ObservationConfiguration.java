package dev.fortress.platform.observability;

import io.micrometer.observation.ObservationPredicate;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which observations a request pays for. Every request is observed once as
 * {@code http.server.requests} (its latency histogram, its root span and the trace id in
 * its log lines); Spring Security's own observations — one per filter of the chain,
 * before and after the servlet, plus authentication and authorisation — are not made:
 * they were a fifth to a third of the CPU of a cheap request and add nothing an operator
 * reads (a refused request is already a status code on the request's own metric and
 * span).
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

	static final String SECURITY_OBSERVATIONS = "spring.security.";

	@Bean
	ObservationPredicate noSecurityFilterObservations() {
		return (name, context) -> !name.startsWith(SECURITY_OBSERVATIONS);
	}

}
