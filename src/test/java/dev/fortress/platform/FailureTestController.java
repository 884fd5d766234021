package dev.fortress.platform;

import java.sql.SQLException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoints that fail in the ways production code can, so the error handler's
 * answers can be checked over real HTTP. Lives in test sources only.
 */
@RestController
class FailureTestController {

	static final String SECRET = "SECRET-INTERNAL-DETAIL";

	@GetMapping("/api/v1/test-failures/unexpected")
	String unexpected() {
		throw new IllegalStateException(SECRET);
	}

	@GetMapping("/api/v1/test-failures/database-down")
	String databaseDown() {
		throw new CannotGetJdbcConnectionException(SECRET, new SQLException(SECRET));
	}

	/**
	 * What a transaction whose connection PostgreSQL terminated ends with: the rollback
	 * fails on the closed connection (Hikari's exception has no SQLState) and replaces
	 * the original failure, which only the exception keeps.
	 */
	@GetMapping("/api/v1/test-failures/connection-lost")
	String connectionLost() {
		TransactionSystemException failed = new TransactionSystemException("JDBC rollback failed",
				new SQLException("Connection is closed"));
		failed.initApplicationException(new SQLException(SECRET, "57P01"));
		throw failed;
	}

	@GetMapping("/api/v1/test-failures/rollback-failed")
	String rollbackFailed() {
		throw new TransactionSystemException(SECRET, new SQLException(SECRET, "XX000"));
	}

	@GetMapping("/api/v1/test-failures/deadlock")
	String deadlock() {
		throw new CannotAcquireLockException(SECRET, new SQLException(SECRET, "40P01"));
	}

	@PostMapping("/api/v1/test-failures/echo")
	Echo echo(@Valid @RequestBody Echo body) {
		return body;
	}

	record Echo(@NotBlank String text) {
	}

}
