package dev.fortress.notifications.internal;

/**
 * Sends a rendered message to one address; throws when it could not (the delivery is
 * retried).
 */
interface Mailer {

	void send(Envelope envelope);

	/**
	 * One e-mail.
	 *
	 * @param id the notification's id: the file name of an {@code .eml}, and the
	 * {@code Message-ID}, so a retried send is recognisable
	 */
	record Envelope(java.util.UUID id, String to, String toName, Message message) {
	}

}
