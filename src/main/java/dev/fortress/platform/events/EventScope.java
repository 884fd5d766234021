package dev.fortress.platform.events;

import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs the work an event causes inside the event's {@link Origin}: the request id of the
 * request that caused it in the logging context, and a span that continues that request's
 * trace. Used for in-process deliveries ({@link EventListenerContext}) and for deliveries
 * from Kafka alike.
 */
public final class EventScope {

	private final ObjectProvider<Tracer> tracers;

	private final ObjectProvider<Propagator> propagators;

	public EventScope(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
		this.tracers = tracers;
		this.propagators = propagators;
	}

	/**
	 * Calls {@code work} for {@code event} within its origin.
	 * @param name what does the work, for the span ({@code Class.method})
	 */
	public @Nullable Object call(DomainEvent event, String name, Work work) throws Throwable {
		Origin origin = event.metadata().origin();
		String previousRequestId = MDC.get("requestId");
		if (origin.requestId() != null) {
			MDC.put("requestId", origin.requestId());
		}
		Tracer tracer = this.tracers.getIfAvailable();
		Propagator propagator = this.propagators.getIfAvailable();
		Span span = (tracer != null && propagator != null) ? start(tracer, propagator, event, name) : null;
		try (Tracer.SpanInScope scope = (span != null) ? tracer.withSpan(span) : null) {
			return work.call();
		}
		catch (Throwable failure) {
			if (span != null) {
				span.error(failure);
			}
			throw failure;
		}
		finally {
			if (span != null) {
				span.end();
			}
			if (previousRequestId != null) {
				MDC.put("requestId", previousRequestId);
			}
			else {
				MDC.remove("requestId");
			}
		}
	}

	private static Span start(Tracer tracer, Propagator propagator, DomainEvent event, String name) {
		String traceparent = event.metadata().origin().traceparent();
		Span.Builder builder = (traceparent != null) ? propagator.extract(Map.of("traceparent", traceparent), Map::get)
				: tracer.spanBuilder();
		return builder.name("event " + event.getClass().getSimpleName())
			.tag("event.id", event.metadata().id().toString())
			.tag("event.listener", name)
			.start();
	}

	/** Work that may throw anything, like a listener method. */
	@FunctionalInterface
	public interface Work {

		@Nullable Object call() throws Throwable;

	}

}
