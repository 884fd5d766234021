package dev.fortress.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a load sends and how its answers are told apart. {@link #write} is called on the
 * generator's thread for every request, so it must be cheap: sources pre-encode what does
 * not change and write only the varying bytes.
 */
public interface RequestSource {

	/**
	 * Writes one whole request for {@code buyer} into {@code out} (cleared, at least 16
	 * KiB). In a closed loop the buyer is the connection's number; in an open loop it is
	 * the arrival's number. Sources map buyers to accounts.
	 */
	void write(ByteBuffer out, int buyer);

	/** How many body bytes {@link #label} needs to see; 0 when the status is enough. */
	default int bodyCapture() {
		return 0;
	}

	/**
	 * The outcome a response is counted under: by default its status, with
	 * {@code 503 without Retry-After} told apart (load shedding must say when to retry).
	 */
	default String label(int status, boolean retryAfter, byte[] body, int bodyLength) {
		return Labels.of(status, retryAfter);
	}

	/** Whether an outcome is goodput (by default every 2xx). */
	default boolean good(String label) {
		return label.charAt(0) == '2';
	}

	/** A request that never changes, encoded once. */
	static RequestSource fixed(String request) {
		byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
		return (out, buyer) -> out.put(bytes);
	}

	/** A GET of {@code path} with optional extra header lines (each ending in CR LF). */
	static RequestSource get(String host, String path, String extraHeaders) {
		return fixed("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n" + extraHeaders
				+ "\r\n");
	}

	/** Status labels, cached so counting allocates nothing. */
	final class Labels {

		private static final String[] PLAIN = new String[600];

		private static final String[] WITH_RETRY_AFTER = new String[600];

		static {
			for (int status = 0; status < 600; status++) {
				PLAIN[status] = status >= 500 ? status + " without Retry-After" : String.valueOf(status);
				WITH_RETRY_AFTER[status] = String.valueOf(status);
			}
		}

		private Labels() {
		}

		public static String of(int status, boolean retryAfter) {
			if (status < 0 || status >= 600) {
				return String.valueOf(status);
			}
			return retryAfter ? WITH_RETRY_AFTER[status] : PLAIN[status];
		}

	}

}
