package dev.fortress.notifications.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Renders a notification from its two templates, {@code notifications/<kind>.txt} (its
 * first line is {@code Subject: ...}) and {@code notifications/<kind>.html}. Mustache:
 * values are HTML-escaped in the HTML template, so a task title or a display name cannot
 * inject markup into an e-mail; the plain-text template is not escaped.
 */
@Component
class Templates {

	private static final String FOLDER = "notifications/";

	private final Mustache.Compiler html = Mustache.compiler()
		.escapeHTML(true)
		.defaultValue("")
		.withLoader((name) -> reader(FOLDER + name + ".html"));

	private final Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");

	private final Map<String, Template> compiled = new ConcurrentHashMap<>();

	Message render(Kind kind, Map<String, Object> model) {
		String textBody = template(kind, ".txt", this.text).execute(model);
		String subject = "Fortress";
		int newline = textBody.indexOf('\n');
		if (textBody.startsWith("Subject: ") && newline > 0) {
			subject = textBody.substring("Subject: ".length(), newline).strip();
			textBody = textBody.substring(newline + 1).stripLeading();
		}
		return new Message(subject, textBody, template(kind, ".html", this.html).execute(model));
	}

	private Template template(Kind kind, String suffix, Mustache.Compiler compiler) {
		return this.compiled.computeIfAbsent(kind.template() + suffix, (name) -> {
			try (Reader reader = reader(FOLDER + name)) {
				return compiler.compile(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	private static Reader reader(String path) {
		try {
			return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No template " + path, ex);
		}
	}

}
