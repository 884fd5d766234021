package dev.fortress.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * An e-mail as its reader sees it: recipient, subject, and its plain-text and HTML
 * bodies.
 */
public record Mail(String to, String subject, String text, String html) {

	public static Mail read(Path eml) throws IOException {
		try (InputStream in = Files.newInputStream(eml)) {
			return of(new MimeMessage(Session.getInstance(new Properties()), in));
		}
		catch (MessagingException ex) {
			throw new IOException(ex);
		}
	}

	public static Mail of(MimeMessage message) throws IOException {
		try {
			String[] parts = new String[2];
			collect(message, parts);
			return new Mail(((InternetAddress) message.getAllRecipients()[0]).getAddress(), message.getSubject(),
					parts[0] == null ? "" : parts[0].strip(), parts[1] == null ? "" : parts[1]);
		}
		catch (MessagingException ex) {
			throw new IOException(ex);
		}
	}

	private static void collect(Part part, String[] parts) throws MessagingException, IOException {
		if (part.isMimeType("text/plain") && parts[0] == null) {
			parts[0] = (String) part.getContent();
		}
		else if (part.isMimeType("text/html") && parts[1] == null) {
			parts[1] = (String) part.getContent();
		}
		else if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart body = multipart.getBodyPart(i);
				collect(body, parts);
			}
		}
	}

}
