package dev.fortress.platform.persistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * The embedded server's {@code pg_hba.conf}: every connection, over the local socket or
 * loopback TCP, proves a password with SCRAM. A data directory created since passwords
 * exist gets this from {@code initdb}; one created before trusted every local process as
 * any user, superuser included, and is switched over here on its first start.
 */
final class ClientAuthentication {

	static final String FILE = "pg_hba.conf";

	private static final String PASSWORDS_ONLY = """
			# Written by Fortress: every connection proves a password (SCRAM); nothing is trusted.
			# TYPE  DATABASE  USER  ADDRESS       METHOD
			local   all       all                 scram-sha-256
			host    all       all   127.0.0.1/32  scram-sha-256
			host    all       all   ::1/128       scram-sha-256
			""";

	private ClientAuthentication() {
	}

	/** Whether any rule lets a connection in without a password. */
	static boolean trustsAnyone(Path dataDirectory) throws IOException {
		return Files.readAllLines(dataDirectory.resolve(FILE), StandardCharsets.UTF_8)
			.stream()
			.map(line -> line.replaceFirst("#.*", "").strip())
			.filter(rule -> !rule.isEmpty())
			.anyMatch(rule -> Arrays.asList(rule.split("\\s+")).contains("trust"));
	}

	/**
	 * Gives the superuser its password, then makes the server ask everyone for one. In
	 * this order, so that a crash in between leaves a server that still trusts (and is
	 * switched over at the next start), never one nobody can log in to.
	 */
	static void requirePasswords(Path dataDirectory, DataSource superuser, String superuserPassword)
			throws IOException, SQLException {
		try (Connection connection = superuser.getConnection(); Statement statement = connection.createStatement()) {
			connection.unwrap(PGConnection.class)
				.alterUserPassword("postgres", superuserPassword.toCharArray(), "scram-sha-256");
			Path file = dataDirectory.resolve(FILE);
			Path written = Files.writeString(dataDirectory.resolve(FILE + ".new"), PASSWORDS_ONLY,
					StandardCharsets.UTF_8);
			Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			statement.execute("select pg_reload_conf()");
		}
	}

}
