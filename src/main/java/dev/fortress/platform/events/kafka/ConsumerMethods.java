package dev.fortress.platform.events.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.fortress.platform.events.DomainEvent;
import dev.fortress.platform.events.EventConsumer;

/**
 * The {@link EventConsumer} methods of the application, found once at start-up and
 * grouped by module: each module's methods form one Kafka consumer group. A method is
 * called on the bean's target, not on its proxy, because in process the proxy would hand
 * it to another thread ({@code @Async}) and open its own transaction; from Kafka the
 * consumer must see the outcome and owns the transaction.
 */
final class ConsumerMethods {

	private final Map<String, List<ConsumerMethod>> byGroup;

	private ConsumerMethods(Map<String, List<ConsumerMethod>> byGroup) {
		this.byGroup = byGroup;
	}

	static ConsumerMethods of(ApplicationContext context, String prefix) {
		Map<String, List<ConsumerMethod>> byGroup = new LinkedHashMap<>();
		for (String name : context.getBeanNamesForType(Object.class, false, false)) {
			Class<?> type = context.getType(name, false);
			if (type == null || !type.getName().startsWith("dev.fortress.")) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(type);
			Map<Method, EventConsumer> methods = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<EventConsumer>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, EventConsumer.class));
			if (methods.isEmpty()) {
				continue;
			}
			Object target = target(context.getBean(name));
			for (Method method : methods.keySet()) {
				byGroup.computeIfAbsent(prefix + Topics.module(userType), (group) -> new ArrayList<>())
					.add(ConsumerMethod.of(target, method, prefix));
			}
		}
		return new ConsumerMethods(byGroup);
	}

	Map<String, List<ConsumerMethod>> byGroup() {
		return this.byGroup;
	}

	/** Every topic some group reads. */
	Set<String> topics() {
		Set<String> topics = new LinkedHashSet<>();
		this.byGroup.values().forEach((methods) -> methods.forEach((method) -> topics.add(method.topic())));
		return topics;
	}

	private static Object target(Object bean) {
		Object target = bean;
		for (Object inner = AopProxyUtils.getSingletonTarget(target); inner != null; inner = AopProxyUtils
			.getSingletonTarget(target)) {
			target = inner;
		}
		return target;
	}

	/**
	 * One consumer method and the event type it takes.
	 */
	record ConsumerMethod(Object target, Method method, Class<? extends DomainEvent> eventType, String topic) {

		static ConsumerMethod of(Object target, Method method, String prefix) {
			Class<?>[] parameters = method.getParameterTypes();
			if (parameters.length != 1 || !DomainEvent.class.isAssignableFrom(parameters[0])) {
				throw new IllegalStateException(
						"An @EventConsumer takes exactly one DomainEvent: " + method.toGenericString());
			}
			ReflectionUtils.makeAccessible(method);
			Class<? extends DomainEvent> eventType = parameters[0].asSubclass(DomainEvent.class);
			return new ConsumerMethod(target, method, eventType, prefix + Topics.module(eventType));
		}

		String name() {
			return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
		}

		/**
		 * Calls the method; what it throws is thrown as it is (a checked one, wrapped).
		 */
		void invoke(DomainEvent event) {
			try {
				this.method.invoke(this.target, event);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getTargetException();
				if (cause instanceof RuntimeException runtime) {
					throw runtime;
				}
				if (cause instanceof Error error) {
					throw error;
				}
				throw new IllegalStateException(cause);
			}
			catch (IllegalAccessException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
