package dev.fortress.platform.events;

import java.lang.reflect.Method;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;

/**
 * Writes why a listener failed next to its publication
 * ({@code event_publication.last_error}), found as Spring Modulith finds it: by listener
 * id and serialized event. Runs outside any transaction; losing this note never changes
 * whether the delivery is retried.
 */
@Component
class FailedDeliveries {

	private static final Logger log = LoggerFactory.getLogger(FailedDeliveries.class);

	private static final int MAX_ERROR_LENGTH = 2000;

	private final Map<Method, String> listenerIds = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	private final EventSerializer serializer;

	private final Clock clock;

	FailedDeliveries(JdbcClient jdbc, EventSerializer serializer, Clock clock) {
		this.jdbc = jdbc;
		this.serializer = serializer;
		this.clock = clock;
	}

	void record(Method listener, DomainEvent event, Throwable failure) {
		try {
			this.jdbc.sql("""
					update event_publication set last_error = :error, last_failure_date = :at,
					    first_failure_date = coalesce(first_failure_date, :at)
					where listener_id = :listener and serialized_event = :event and completion_date is null
					""")
				.param("error", describe(failure))
				.param("at", Timestamp.from(this.clock.instant()))
				.param("listener", listenerId(listener))
				.param("event", this.serializer.serialize(event).toString())
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not record the failure of {} for event {}", listener.getName(), event.metadata().id(), ex);
		}
	}

	/** The listener id Spring Modulith stores for a listener method. */
	String listenerId(Method listener) {
		return this.listenerIds.computeIfAbsent(listener,
				(method) -> new TransactionalApplicationListenerMethodAdapter("listener", method.getDeclaringClass(),
						method)
					.getListenerId());
	}

	static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null && text.length() < MAX_ERROR_LENGTH; cause = cause.getCause()) {
			if (!text.isEmpty()) {
				text.append(" <- ");
			}
			text.append(cause.getClass().getSimpleName());
			if (cause.getMessage() != null) {
				text.append(": ").append(cause.getMessage());
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
	}

}
