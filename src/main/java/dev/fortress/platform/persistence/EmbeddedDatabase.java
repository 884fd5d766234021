package dev.fortress.platform.persistence;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL Fortress starts by itself when no database is configured: binaries
 * shipped as a Maven artifact, data under {@code <dataDir>/postgres}, passwords in
 * {@code <dataDir>/keys/postgres.properties} (see {@link EmbeddedPasswords}).
 * <p>
 * It is configured like a server that holds real data, not like the test fixture the
 * library was made for: it listens on loopback only, asks every connection for a password
 * ({@link ClientAuthentication}), hands the application a role that owns only its schema
 * ({@link ApplicationRole}), and is durable, with fsync and synchronous commit on (the
 * library starts PostgreSQL with {@code -F}, fsync off, unless told otherwise).
 * <p>
 * It survives a crash of the application: while it runs the application holds the data
 * directory's lock ({@link DataDirectoryLock}), and a start that finds a server left
 * running on the directory by a killed run stops it first ({@link LeftoverServer}).
 */
final class EmbeddedDatabase implements Closeable {

	private final EmbeddedPostgres postgres;

	private final Path directory;

	private final String applicationPassword;

	private final DataDirectoryLock lock;

	private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, String applicationPassword,
			DataDirectoryLock lock) {
		this.postgres = postgres;
		this.directory = directory;
		this.applicationPassword = applicationPassword;
		this.lock = lock;
	}

	static EmbeddedDatabase start(Path dataDir) throws IOException, SQLException {
		Path directory = dataDir.resolve("postgres");
		Path passwordFile = dataDir.resolve("keys").resolve("postgres.properties");
		boolean existing = Files.exists(directory.resolve("postgresql.conf"));
		boolean trusting = existing && ClientAuthentication.trustsAnyone(directory);
		if (existing && !trusting && !Files.exists(passwordFile)) {
			throw new IllegalStateException("The embedded PostgreSQL in " + directory + " requires passwords, but "
					+ passwordFile + " is missing; restore it from the backup of the data directory");
		}
		EmbeddedPasswords passwords = EmbeddedPasswords.loadOrCreate(passwordFile);
		Files.createDirectories(directory);
		DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
		try {
			LeftoverServer.stopIfRunning(directory);
			return new EmbeddedDatabase(startServer(directory, existing, trusting, passwordFile, passwords), directory,
					passwords.application(), lock);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			lock.close();
			throw ex;
		}
	}

	private static EmbeddedPostgres startServer(Path directory, boolean existing, boolean trusting, Path passwordFile,
			EmbeddedPasswords passwords) throws IOException, SQLException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(directory)
			.setCleanDataDirectory(false)
			// Spring stops it after closing the pool; the library's own JVM hook would
			// stop it while the application is still shutting down
			.setRegisterShutdownHook(false)
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.setServerConfig("max_connections", "200")
			.setConnectConfig("password", passwords.superuser());
		Path superuserPasswordFile = existing ? null : passwords.superuserPasswordFile(passwordFile);
		if (superuserPasswordFile != null) {
			// initdb gives the superuser its password and requires passwords from the
			// start; these options come after the library's "-A trust" and override it
			builder.setLocaleConfig("auth", "scram-sha-256")
				.setLocaleConfig("pwfile", superuserPasswordFile.toString());
		}
		EmbeddedPostgres postgres;
		try {
			postgres = builder.start();
		}
		finally {
			if (superuserPasswordFile != null) {
				Files.deleteIfExists(superuserPasswordFile);
			}
		}
		try {
			ApplicationRole.apply(postgres.getPostgresDatabase(), passwords.application());
			if (trusting) {
				ClientAuthentication.requirePasswords(directory, postgres.getPostgresDatabase(), passwords.superuser());
			}
		}
		catch (IOException | SQLException | RuntimeException ex) {
			postgres.close();
			throw ex;
		}
		return postgres;
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/postgres";
	}

	String user() {
		return ApplicationRole.NAME;
	}

	String password() {
		return this.applicationPassword;
	}

	int port() {
		return this.postgres.getPort();
	}

	Path directory() {
		return this.directory;
	}

	@Override
	public void close() throws IOException {
		try (DataDirectoryLock held = this.lock) {
			this.postgres.close();
		}
	}

}
