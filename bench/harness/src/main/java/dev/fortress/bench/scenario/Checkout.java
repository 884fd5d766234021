package dev.fortress.bench.scenario;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.fortress.bench.load.RequestSource;
import dev.fortress.bench.seed.Buyers;

/**
 * Buyers pressing Buy on one drop: {@code POST /api/v1/orders} with the buyer's account
 * token, a fresh {@code Idempotency-Key} per attempt (tag + sequence number, so no
 * attempt replays another) and the sandbox card {@code tok_visa}. A {@code 201} is told
 * apart by the order's status; goodput is {@code 201 PAID} (for a free product that is
 * every reservation, as no payment is needed).
 */
final class Checkout implements RequestSource {

	private static final byte[] STATUS = "\"status\":\"".getBytes(StandardCharsets.US_ASCII);

	private final byte[][] heads;

	private final byte[] tail;

	private final byte[] tag;

	private long sequence;

	Checkout(String host, UUID dropId, Buyers buyers, String tag) {
		String body = "{\"dropId\":\"" + dropId + "\",\"quantity\":1,\"payment\":{\"token\":\"tok_visa\"}}";
		this.heads = new byte[buyers.size()][];
		for (int i = 0; i < buyers.size(); i++) {
			this.heads[i] = ("POST /api/v1/orders HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer "
					+ buyers.tokenFor(i) + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
					+ "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nIdempotency-Key: ")
				.getBytes(StandardCharsets.ISO_8859_1);
		}
		this.tail = ("\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
		this.tag = (tag + "-").getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public void write(ByteBuffer out, int buyer) {
		out.put(this.heads[Math.floorMod(buyer, this.heads.length)]);
		out.put(this.tag);
		writeDecimal(out, this.sequence++);
		out.put(this.tail);
	}

	@Override
	public int bodyCapture() {
		return 1024;
	}

	@Override
	public String label(int status, boolean retryAfter, byte[] body, int length) {
		if (status != 201) {
			return Labels.of(status, retryAfter);
		}
		int at = indexOf(body, length, STATUS);
		if (at < 0) {
			return "201";
		}
		int start = at + STATUS.length;
		int end = start;
		while (end < length && body[end] != '"') {
			end++;
		}
		return switch (new String(body, start, end - start, StandardCharsets.US_ASCII)) {
			case "PAID" -> "201 PAID";
			case "PENDING_PAYMENT" -> "201 PENDING_PAYMENT";
			default -> "201 other";
		};
	}

	@Override
	public boolean good(String label) {
		return label.equals("201 PAID");
	}

	private static void writeDecimal(ByteBuffer out, long value) {
		if (value >= 10) {
			writeDecimal(out, value / 10);
		}
		out.put((byte) ('0' + value % 10));
	}

	private static int indexOf(byte[] haystack, int length, byte[] needle) {
		outer: for (int i = 0; i <= length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
