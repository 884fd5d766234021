package dev.fortress.notifications.internal;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends over SMTP, one conversation per message, with timeouts on connect, read and
 * write. A failure throws, so the event delivery that asked for the message fails and is
 * retried (then dead-lettered): a message is never dropped.
 */
class SmtpMailer implements Mailer {

	private final NotificationsProperties properties;

	private final Session session;

	SmtpMailer(NotificationsProperties properties) {
		this.properties = properties;
		String timeout = String.valueOf(properties.timeout().toMillis());
		Properties smtp = new Properties();
		smtp.put("mail.smtp.host", properties.smtpHost());
		smtp.put("mail.smtp.port", String.valueOf(properties.smtpPort()));
		smtp.put("mail.smtp.connectiontimeout", timeout);
		smtp.put("mail.smtp.timeout", timeout);
		smtp.put("mail.smtp.writetimeout", timeout);
		smtp.put("mail.smtp.starttls.enable", String.valueOf(properties.startTls()));
		smtp.put("mail.smtp.auth", String.valueOf(!properties.smtpUser().isBlank()));
		this.session = MimeMessages.session(smtp);
	}

	@Override
	public void send(Envelope envelope) {
		try {
			MimeMessage message = MimeMessages.build(this.session, this.properties.from(), envelope);
			if (this.properties.smtpUser().isBlank()) {
				Transport.send(message);
			}
			else {
				Transport.send(message, this.properties.smtpUser(), this.properties.smtpPassword());
			}
		}
		catch (MessagingException | java.io.UnsupportedEncodingException ex) {
			throw new MailNotSent("SMTP " + this.properties.smtpHost() + ":" + this.properties.smtpPort()
					+ " did not take the message: " + ex.getMessage(), ex);
		}
	}

	/** The SMTP server refused or could not be reached. */
	static class MailNotSent extends RuntimeException {

		MailNotSent(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
