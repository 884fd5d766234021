package dev.fortress.platform.events;

import java.lang.reflect.Method;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

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
		this.interceptor = new Interceptor(new EventScope(tracer, propagator), failures);
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

		private final EventScope scope;

		private final FailedDeliveries failures;

		Interceptor(EventScope scope, FailedDeliveries failures) {
			this.scope = scope;
			this.failures = failures;
		}

		@Override
		public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
			DomainEvent event = (DomainEvent) invocation.getArguments()[0];
			Method method = invocation.getMethod();
			try {
				return this.scope.call(event, method.getDeclaringClass().getSimpleName() + "." + method.getName(),
						invocation::proceed);
			}
			catch (Throwable failure) {
				this.failures.record(method, event, failure);
				throw failure;
			}
		}

	}

}
