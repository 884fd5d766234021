package dev.fortress.payments.sandbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sandbox's own connections to the database: a small pool of its own, opened with the
 * application pool's settings. A real provider has its own database; sharing the
 * application's pool would let a burst of buyers, who hold its connections, make the
 * provider's answers wait, time out and open the circuit breaker.
 */
final class SandboxDatabase implements AutoCloseable {

	private final HikariDataSource pool;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	SandboxDatabase(HikariDataSource application, int poolSize) {
		HikariConfig config = new HikariConfig();
		application.copyStateTo(config);
		config.setPoolName("sandbox-psp");
		config.setMaximumPoolSize(poolSize);
		config.setMinimumIdle(0);
		// Quiet periods hand the connections back to the database.
		config.setIdleTimeout(60_000);
		this.pool = new HikariDataSource(config);
		this.jdbc = JdbcClient.create(this.pool);
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(this.pool));
	}

	JdbcClient jdbc() {
		return this.jdbc;
	}

	TransactionTemplate transactions() {
		return this.transactions;
	}

	@Override
	public void close() {
		this.pool.close();
	}

}
