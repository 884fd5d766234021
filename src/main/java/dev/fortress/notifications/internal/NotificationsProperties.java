package dev.fortress.notifications.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail settings ({@code fortress.mail.*}).
 *
 * @param from the sender, e.g. {@code Fortress <no-reply@example.com>}
 * @param baseUrl where the web app is reached: links in messages start with it
 * @param smtpHost the SMTP server; blank means messages are written as {@code .eml} files
 * under {@code <data dir>/mail}
 * @param smtpPort its port
 * @param smtpUser user name, when the server wants one
 * @param smtpPassword its password
 * @param startTls use STARTTLS when the server offers it
 * @param timeout connect, read and write timeout of one SMTP conversation: a hung server
 * fails the delivery (which is retried) instead of holding a thread
 */
@ConfigurationProperties("fortress.mail")
record NotificationsProperties(String from, String baseUrl, String smtpHost, int smtpPort, String smtpUser,
		String smtpPassword, boolean startTls, Duration timeout) {

	boolean smtp() {
		return this.smtpHost != null && !this.smtpHost.isBlank();
	}

}
