package dev.fortress.platform.web;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The database's unavailability, wherever a request meets it, is a {@code 503} with
 * {@code Retry-After} and one log line. Controllers get it from
 * {@link ProblemExceptionHandler}; this filter, just inside the request id, catches what
 * the filters behind it meet before any controller runs: the account-status lookup of the
 * authentication gate waiting for a pool whose connections a checkout burst holds would
 * otherwise reach the container as an unhandled {@code 500} with a stack trace.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageFilter extends OncePerRequestFilter {

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	static final String DETAIL = "The database is unavailable; retry shortly";

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private final Problems problems;

	DatabaseOutageFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			Throwable outage = outage(ex);
			if (outage == null || response.isCommitted()) {
				throw ex;
			}
			logOutage(request, outage);
			response.resetBuffer();
			this.problems.write(response, Problems.of(ProblemType.SERVICE_UNAVAILABLE, DETAIL, request), RETRY_AFTER);
		}
	}

	/** The database-unavailable failure in {@code ex}'s causes, or {@code null}. */
	public static @Nullable Throwable outage(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (isOutage(cause)) {
				return cause;
			}
		}
		return null;
	}

	/**
	 * The database is away: the pool has no connection, the transaction could not begin,
	 * or the connection was lost (SQLState class {@code 08}, or {@code 57P0x} as when
	 * PostgreSQL terminates it), also when a failed rollback on the dead connection
	 * replaced the original failure.
	 */
	static boolean isOutage(Throwable ex) {
		if (ex instanceof CannotGetJdbcConnectionException || ex instanceof CannotCreateTransactionException
				|| ex instanceof DataAccessResourceFailureException
				|| ex instanceof TransientDataAccessResourceException || ex instanceof QueryTimeoutException) {
			return true;
		}
		if (ex instanceof TransactionSystemException failed && failed.getOriginalException() != null
				&& outage(failed.getOriginalException()) != null) {
			return true;
		}
		String state = ex instanceof SQLException sql ? sql.getSQLState() : null;
		return state != null && (state.startsWith("08") || state.startsWith("57P0"));
	}

	/**
	 * One line a request: during an outage every request fails the same way, and a stack
	 * trace apiece would bury the log.
	 */
	static void logOutage(HttpServletRequest request, Throwable ex) {
		log.error("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(),
				NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
	}

}
