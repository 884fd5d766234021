package dev.fortress.bench.scenario;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

import dev.fortress.bench.load.RequestSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Search and ask requests for the answers scenario, and the generated text they ask
 * about. A search or a generated ask carries a question never asked before (a counter
 * makes it distinct, so no cache can serve it); a cached ask repeats one question.
 * Answers are told apart by their {@code done} event: {@code 200 generated},
 * {@code 200 extractive}, or {@code 200 no done} (a stream that ended with an
 * {@code error} event, or one longer than the captured bytes).
 */
final class KnowledgeSources {

	static final String[] COMPONENTS = { "checkout page", "login form", "search results", "order history",
			"payment gateway", "mobile app", "admin dashboard", "export job", "notification e-mail", "product page",
			"shopping cart", "inventory sync", "report generator", "chat channel", "file upload", "password reset",
			"invoice PDF", "shipping label", "discount code", "release pipeline", "monitoring alert", "cache layer" };

	static final String[] SYMPTOMS = { "times out", "shows a blank screen", "returns the wrong totals", "crashes",
			"loads very slowly", "sends duplicate messages", "loses the user's input", "fails with a server error",
			"logs the user out", "shows stale data", "rejects valid input" };

	static final String[] CIRCUMSTANCES = { "on Safari", "after the last release", "for buyers in Germany",
			"during a product drop", "on slow mobile networks", "right after midnight", "when two tabs are open",
			"in dark mode", "while the nightly backup runs", "on Android tablets" };

	static final String[] EXTRAS = { "Support opened three tickets about it this week.",
			"It does not happen on the staging environment.", "The logs show a spike of retries at the same time.",
			"A workaround is to reload the page twice.", "We suspect the recent dependency upgrade.",
			"It started after the database migration.", "QA could reproduce it once out of ten tries.",
			"The fix is to raise the connection pool and retry with backoff." };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Body bytes kept to find the {@code done} event of an answer. */
	private static final int CAPTURE = 64 * 1024;

	private static final byte[] GENERATED = "\"generated\":true".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EXTRACTIVE = "\"generated\":false".getBytes(StandardCharsets.US_ASCII);

	private KnowledgeSources() {
	}

	/** A paragraph of two to four sentences about a component's trouble. */
	static String paragraph(Random random) {
		StringBuilder text = new StringBuilder();
		int sentences = 2 + random.nextInt(3);
		for (int s = 0; s < sentences; s++) {
			text.append("The ")
				.append(pick(random, COMPONENTS))
				.append(' ')
				.append(pick(random, SYMPTOMS))
				.append(' ')
				.append(pick(random, CIRCUMSTANCES))
				.append(". ")
				.append(pick(random, EXTRAS))
				.append(' ');
		}
		return text.toString().strip();
	}

	/** Question {@code n}: a different one for every {@code n}. */
	static String question(long n) {
		Random random = new Random(n);
		return "Why does the " + pick(random, COMPONENTS) + " " + pick(random, SYMPTOMS) + " "
				+ pick(random, CIRCUMSTANCES) + ", and what do we do about it (case " + n + ")?";
	}

	static String pick(Random random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	/** {@code GET /api/v1/search} with a new question each time, as the users in turn. */
	static RequestSource search(String host, List<String> tokens, long firstQuestion) {
		return new RequestSource() {
			private long n = firstQuestion;

			@Override
			public void write(ByteBuffer out, int user) {
				String q = URLEncoder.encode(question(this.n++), StandardCharsets.UTF_8);
				out.put(("GET /api/v1/search?q=" + q + " HTTP/1.1\r\nHost: " + host
						+ "\r\nAccept: application/json\r\nAuthorization: Bearer " + tokens.get(user % tokens.size())
						+ "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			}
		};
	}

	/**
	 * {@code POST /api/v1/ask}: question {@code questions.apply(k)} for the k-th request,
	 * as the users in turn; goodput is the answers labelled {@code expected}.
	 */
	static RequestSource ask(String host, List<String> tokens, IntFunction<String> questions, String expected) {
		return new RequestSource() {
			private int n;

			@Override
			public void write(ByteBuffer out, int user) {
				byte[] body = JSON.writeValueAsBytes(java.util.Map.of("question", questions.apply(this.n)));
				String token = tokens.get(this.n % tokens.size());
				this.n++;
				out.put(("POST /api/v1/ask HTTP/1.1\r\nHost: " + host
						+ "\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nAuthorization: Bearer "
						+ token + "\r\nContent-Length: " + body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
				out.put(body);
			}

			@Override
			public int bodyCapture() {
				return CAPTURE;
			}

			@Override
			public String label(int status, boolean retryAfter, byte[] body, int length) {
				if (status != 200) {
					return RequestSource.Labels.of(status, retryAfter);
				}
				if (contains(body, length, GENERATED)) {
					return "200 generated";
				}
				return contains(body, length, EXTRACTIVE) ? "200 extractive" : "200 no done";
			}

			@Override
			public boolean good(String label) {
				return label.equals(expected);
			}
		};
	}

	private static boolean contains(byte[] body, int length, byte[] needle) {
		int end = Math.min(length, body.length) - needle.length;
		outer: for (int i = 0; i <= end; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (body[i + j] != needle[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

}
