package dev.fortress.platform.observability;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.security.config.observation.SecurityObservationSettings;

import dev.fortress.platform.web.RoutedPath;

/**
 * Which observations a request pays for. Every request is observed once as
 * {@code http.server.requests} (its latency histogram, its root span and the trace id in
 * its log lines), except the orchestrator's health probes. Spring Security's own
 * observations — one per filter of the chain, before and after the servlet, plus
 * authentication and authorisation — are not made, and its filters are not wrapped to
 * make them: they were a fifth to a third of the CPU of a cheap request and add nothing
 * an operator reads (a refused request is already a status code on the request's own
 * metric and span). See ADR 0046.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfiguration {

	static final String SECURITY_OBSERVATIONS = "spring.security.";

	static final String HEALTH = "/actuator/health";

	/**
	 * Spring Security decorates its filter chain, authentication and authorisation for
	 * observation only when these settings ask for it; without them the wrappers run (and
	 * allocate) on every request even when the predicate below drops what they observe.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** A safety net for any security observation made despite the settings. */
	@Bean
	ObservationPredicate noSecurityFilterObservations() {
		return (name, context) -> !name.startsWith(SECURITY_OBSERVATIONS);
	}

	/**
	 * Health probes are the orchestrator's requests, several a second per instance: their
	 * spans and latency series would only dilute the users' (and their trace ids are in
	 * no log line, since a probe logs nothing). A probe that fails is seen by the
	 * orchestrator and in the readiness state's own log line.
	 */
	@Bean
	ObservationPredicate noHealthProbeObservations() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& isHealthProbe(request.getCarrier()));
	}

	private static boolean isHealthProbe(HttpServletRequest request) {
		String path = RoutedPath.of(request);
		return path.startsWith(HEALTH) && (path.length() == HEALTH.length() || path.charAt(HEALTH.length()) == '/');
	}

}
