package dev.fortress.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
 * <p>
 * Work a request hands to other threads (a reservation writer, an after-commit listener)
 * carries no request id: {@link #record()} counts every statement and commit of every
 * thread but the schedulers' and the test's own for as long as it is open, for a test
 * that runs one request at a time and waits for its after-commit work.
 */
public class StatementCounter implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

	private static volatile Recording recording;

	/** Statements executed so far while handling the request with this id. */
	public static int count(String requestId) {
		AtomicInteger count = COUNTS.get(requestId);
		return count == null ? 0 : count.get();
	}

	/** Starts counting every statement and commit until the recording is closed. */
	public static Recording record() {
		Recording started = new Recording();
		recording = started;
		return started;
	}

	/**
	 * What was sent to the database while a recording was open: statements (a JDBC batch
	 * is one), and commits: explicit ones plus statements run in auto-commit mode, each
	 * of which PostgreSQL commits on its own.
	 */
	public static final class Recording implements AutoCloseable {

		/** The test's own thread: its audit queries are not the application's work. */
		private final Thread test = Thread.currentThread();

		private final AtomicInteger statements = new AtomicInteger();

		private final AtomicInteger commits = new AtomicInteger();

		private final List<String> log = Collections.synchronizedList(new ArrayList<>());

		public int statements() {
			return this.statements.get();
		}

		public int commits() {
			return this.commits.get();
		}

		/** Every statement and commit in order, with its thread: for failure messages. */
		public String log() {
			synchronized (this.log) {
				return String.join("\n", this.log);
			}
		}

		void statement(String sql, boolean autoCommit) {
			this.statements.incrementAndGet();
			if (autoCommit) {
				this.commits.incrementAndGet();
			}
			this.log.add(Thread.currentThread().getName() + (autoCommit ? " [autocommit] " : " ")
					+ sql.replaceAll("\\s+", " ").trim());
		}

		void commit() {
			this.commits.incrementAndGet();
			this.log.add(Thread.currentThread().getName() + " COMMIT");
		}

		@Override
		public void close() {
			if (recording == this) {
				recording = null;
			}
		}

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
			return result instanceof Connection connection ? wrap(connection, Connection.class, connection, null)
					: result;
		});
		return factory.getProxy();
	}

	@SuppressWarnings("unchecked")
	private static <T> T wrap(T target, Class<T> type, Connection connection, String sql) {
		InvocationHandler handler = (proxy, method, args) -> {
			if (target instanceof Statement && method.getName().startsWith("execute")) {
				String requestId = MDC.get("requestId");
				if (requestId != null) {
					COUNTS.computeIfAbsent(requestId, id -> new AtomicInteger()).incrementAndGet();
				}
				Recording open = recordingHere();
				if (open != null) {
					String text = sql != null ? sql
							: (args != null && args.length > 0 && args[0] instanceof String s) ? s : "(batch)";
					open.statement(text, connection.getAutoCommit());
				}
			}
			else if (target instanceof Connection && method.getName().equals("commit")) {
				Recording open = recordingHere();
				if (open != null) {
					open.commit();
				}
			}
			try {
				Object result = method.invoke(target, args);
				if (result instanceof Statement statement && !(target instanceof Statement)) {
					String text = (args != null && args.length > 0 && args[0] instanceof String s) ? s : null;
					return wrap(statement, (Class<Statement>) statementType(method.getReturnType()), connection, text);
				}
				return result;
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		};
		return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] { type }, handler);
	}

	/** The open recording, unless this is a scheduler's thread (background jobs). */
	private static Recording recordingHere() {
		Recording open = recording;
		Thread thread = Thread.currentThread();
		return (open != null && thread != open.test && !background(thread.getName())) ? open : null;
	}

	private static boolean background(String thread) {
		return thread.startsWith("scheduling") || thread.startsWith("task-export");
	}

	private static Class<?> statementType(Class<?> declared) {
		return Statement.class.isAssignableFrom(declared) ? declared : Statement.class;
	}

}
