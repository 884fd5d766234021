package dev.fortress.platform.persistence;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded PostgreSQL's two passwords: the superuser's, which Fortress uses only
 * while it starts the server (to keep the application's role as it must be), and the
 * application role's, which the connection pool uses. They are generated once, at the
 * first start, into {@code <dataDir>/keys/postgres.properties}, readable by its owner
 * only, and every later start reuses them.
 */
record EmbeddedPasswords(String superuser, String application) {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String OWNER_ONLY = "rw-------";

	static EmbeddedPasswords loadOrCreate(Path file) {
		try {
			return Files.exists(file) ? read(file) : create(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the database passwords in " + file, ex);
		}
	}

	/**
	 * Writes the superuser's password alone into an owner-only file next to {@code file},
	 * in the form {@code initdb --pwfile} reads. The caller deletes it.
	 */
	Path superuserPasswordFile(Path file) throws IOException {
		Path pwfile = ownerOnlyTempFile(file.getParent());
		Files.writeString(pwfile, this.superuser + "\n", StandardCharsets.US_ASCII);
		return pwfile;
	}

	private static EmbeddedPasswords read(Path file) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
			properties.load(reader);
		}
		String superuser = properties.getProperty("superuser", "");
		String application = properties.getProperty("application", "");
		if (superuser.isBlank() || application.isBlank()) {
			throw new IllegalStateException(file + " must hold the 'superuser' and 'application' passwords of the "
					+ "embedded PostgreSQL; restore it from a backup of the data directory");
		}
		return new EmbeddedPasswords(superuser, application);
	}

	/** Written to a temporary file first, so a crash never leaves a half-written one. */
	private static EmbeddedPasswords create(Path file) throws IOException {
		EmbeddedPasswords passwords = new EmbeddedPasswords(generate(), generate());
		Files.createDirectories(file.getParent());
		Properties properties = new Properties();
		properties.setProperty("superuser", passwords.superuser);
		properties.setProperty("application", passwords.application);
		StringWriter text = new StringWriter();
		properties.store(text, "Passwords of the embedded PostgreSQL, generated at its first start. Keep private.");
		Path temporary = ownerOnlyTempFile(file.getParent());
		try {
			Files.writeString(temporary, text.toString(), StandardCharsets.ISO_8859_1);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		return passwords;
	}

	private static Path ownerOnlyTempFile(Path directory) throws IOException {
		try {
			return Files.createTempFile(directory, ".postgres-", ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY)));
		}
		catch (UnsupportedOperationException notPosix) {
			return Files.createTempFile(directory, ".postgres-", ".tmp");
		}
	}

	/**
	 * 256 random bits, URL-safe Base64: nothing a connection string or SQL must escape.
	 */
	private static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public String toString() {
		return "EmbeddedPasswords[****]";
	}

}
