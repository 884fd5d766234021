package dev.fortress.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.MDC;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Counts the SQL statements the application really sends, per request id (the
 * {@code requestId} MDC entry the platform sets for each HTTP request). The test
 * application's DataSource is wrapped so that every statement execution ({@code execute*}
 * on a Statement, PreparedStatement or CallableStatement) is counted against the request
 * that ran it. Tests send their own {@code X-Request-Id} and ask {@link #count(String)}.
 */
public class StatementCounter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

	/** Statements executed so far while handling the request with this id. */
	public static int count(String requestId) {
		AtomicInteger count = COUNTS.get(requestId);
		return count == null ? 0 : count.get();
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource) ? counting(dataSource) : bean;
			}
		});
	}

	/** A class-based proxy, so the bean keeps its type (HikariDataSource). */
	private static Object counting(DataSource dataSource) {
		ProxyFactory factory = new ProxyFactory(dataSource);
		factory.setProxyTargetClass(true);
		factory.addAdvice((MethodInterceptor) invocation -> {
			Object result = invocation.proceed();
			return result instanceof Connection connection ? wrap(connection, Connection.class) : result;
		});
		return factory.getProxy();
	}

	@SuppressWarnings("unchecked")
	private static <T> T wrap(T target, Class<T> type) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (target instanceof Statement && method.getName().startsWith("execute")) {
				String requestId = MDC.get("requestId");
				if (requestId != null) {
					COUNTS.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
				}
			}
			try {
				Object result = method.invoke(target, args);
				if (result instanceof Statement statement && !(target instanceof Statement)) {
					return wrap(statement, (Class<Statement>) statementType(method.getReturnType()));
				}
				return result;
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	private static Class<?> statementType(Class<?> declared) {
		return Statement.class.isAssignableFrom(declared) ? declared : Statement.class;
	}

}
