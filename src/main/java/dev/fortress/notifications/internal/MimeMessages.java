package dev.fortress.notifications.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.MimeMessageHelper;

/** Builds the MIME message of an envelope: multipart/alternative, plain text and HTML. */
final class MimeMessages {

	private MimeMessages() {
	}

	static MimeMessage build(Session session, String from, Mailer.Envelope envelope)
			throws MessagingException, UnsupportedEncodingException {
		MimeMessage mime = new IdentifiedMimeMessage(session, envelope.id() + "@fortress");
		MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
		helper.setFrom(new InternetAddress(from));
		helper.setTo(new InternetAddress(envelope.to(), envelope.toName(), StandardCharsets.UTF_8.name()));
		helper.setSubject(envelope.message().subject());
		helper.setText(envelope.message().text(), envelope.message().html());
		return mime;
	}

	static Session session(Properties properties) {
		return Session.getInstance(properties);
	}

	/** A message whose {@code Message-ID} is the notification's, not a random one. */
	private static final class IdentifiedMimeMessage extends MimeMessage {

		private final String messageId;

		IdentifiedMimeMessage(Session session, String messageId) {
			super(session);
			this.messageId = messageId;
		}

		@Override
		protected void updateMessageID() throws MessagingException {
			setHeader("Message-ID", "<" + this.messageId + ">");
		}

	}

}
