package dev.fortress.platform.events;

import java.lang.reflect.Method;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs every transactional event listener of a {@link DomainEvent} inside the event's
 * {@link Origin}: its request id in the logging context and a span that continues the
 * request's trace, so the work an event causes is found by the request's ids. When the
 * listener fails, the failure is written next to the publication
 * ({@link FailedDeliveries}) before Spring Modulith marks it failed, so operators see
 * why.
 * <p>
 * Ordered just inside Modulith's completion advisor ({@code HIGHEST_PRECEDENCE + 10}) and
 * outside the listener's own transaction, so the error is recorded after that transaction
 * rolled back.
 */
class EventListenerContext extends AbstractPointcutAdvisor {

	private final transient StaticMethodMatcherPointcut pointcut = new StaticMethodMatcherPointcut() {
		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			if (method.getParameterCount() != 1 || !DomainEvent.class.isAssignableFrom(method.getParameterTypes()[0])) {
				return false;
			}
			// Only listeners that run after commit are deliveries of the registry; one
			// that runs
			// before commit (the Kafka outbox) is part of the publishing transaction.
			TransactionalEventListener listener = AnnotatedElementUtils.findMergedAnnotation(method,
					TransactionalEventListener.class);
			return listener != null && listener.phase() == TransactionPhase.AFTER_COMMIT;
		}
	};

	private final transient Interceptor interceptor;

	EventListenerContext(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator,
			FailedDeliveries failures) {
		this.interceptor = new Interceptor(tracer, propagator, failures);
		setOrder(Ordered.HIGHEST_PRECEDENCE + 11);
	}

	@Override
	public StaticMethodMatcherPointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Interceptor getAdvice() {
		return this.interceptor;
	}

	static final class Interceptor implements MethodInterceptor {

		private final ObjectProvider<Tracer> tracers;

		private final ObjectProvider<Propagator> propagators;

		private final FailedDeliveries failures;

		Interceptor(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators, FailedDeliveries failures) {
			this.tracers = tracers;
			this.propagators = propagators;
			this.failures = failures;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			DomainEvent event = (DomainEvent) invocation.getArguments()[0];
			Origin origin = event.metadata().origin();
			String previousRequestId = MDC.get("requestId");
			if (origin.requestId() != null) {
				MDC.put("requestId", origin.requestId());
			}
			Tracer tracer = this.tracers.getIfAvailable();
			Propagator propagator = this.propagators.getIfAvailable();
			Span span = (tracer != null && propagator != null)
					? start(tracer, propagator, event, invocation.getMethod()) : null;
			try (Tracer.SpanInScope scope = (span != null) ? tracer.withSpan(span) : null) {
				return invocation.proceed();
			}
			catch (Throwable failure) {
				if (span != null) {
					span.error(failure);
				}
				this.failures.record(invocation.getMethod(), event, failure);
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

		private static Span start(Tracer tracer, Propagator propagator, DomainEvent event, Method listener) {
			String traceparent = event.metadata().origin().traceparent();
			Span.Builder builder = (traceparent != null)
					? propagator.extract(Map.of("traceparent", traceparent), Map::get) : tracer.spanBuilder();
			return builder.name("event " + event.getClass().getSimpleName())
				.tag("event.id", event.metadata().id().toString())
				.tag("event.listener", listener.getDeclaringClass().getSimpleName() + "." + listener.getName())
				.start();
		}

	}

}
