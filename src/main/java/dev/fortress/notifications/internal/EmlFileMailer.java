package dev.fortress.notifications.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: each message is written as {@code <data dir>/mail/<id>.eml} (any
 * mail client opens it), atomically, so a retried delivery rewrites the same file.
 */
class EmlFileMailer implements Mailer {

	private static final Logger log = LoggerFactory.getLogger(EmlFileMailer.class);

	private final NotificationsProperties properties;

	private final Path directory;

	private final Session session = MimeMessages.session(new Properties());

	EmlFileMailer(NotificationsProperties properties, Path directory) {
		this.properties = properties;
		this.directory = directory;
	}

	@Override
	public void send(Envelope envelope) {
		try {
			Files.createDirectories(this.directory);
			Path file = this.directory.resolve(envelope.id() + ".eml");
			Path partial = this.directory.resolve(envelope.id() + ".eml.partial");
			try (OutputStream out = Files.newOutputStream(partial)) {
				MimeMessages.build(this.session, this.properties.from(), envelope).writeTo(out);
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			log.info("Mail to {} written to {}: {}", envelope.to(), file, envelope.message().subject());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the mail file for " + envelope.id(), ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Could not build the mail " + envelope.id(), ex);
		}
	}

	Path directory() {
		return this.directory;
	}

}
