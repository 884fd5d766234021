package dev.fortress.bench.scenario;

import java.nio.ByteBuffer;
import java.util.List;

import dev.fortress.bench.load.RequestSource;

/** The read-only requests of the gate benchmarks, and a mix of sources for warm-up. */
final class Sources {

	private Sources() {
	}

	static RequestSource liveness(String host) {
		return RequestSource.get(host, "/actuator/health/liveness", "");
	}

	/** The public product list: its first page of 50. */
	static RequestSource products(String host) {
		return RequestSource.get(host, "/api/v1/products?limit=50", "");
	}

	/**
	 * An authenticated page of 50 tasks of the caller's (one project of 100,000 tasks).
	 */
	static RequestSource tasks(String host, String token) {
		return RequestSource.get(host, "/api/v1/tasks?limit=50", "Authorization: Bearer " + token + "\r\n");
	}

	/** A drop that is sold out: every attempt should be a cheap {@code 409 sold-out}. */
	static RequestSource soldOut(RequestSource checkout) {
		return new RequestSource() {
			@Override
			public void write(ByteBuffer out, int buyer) {
				checkout.write(out, buyer);
			}

			@Override
			public boolean good(String label) {
				return label.equals("409");
			}
		};
	}

	/**
	 * Request {@code n} comes from source {@code n mod k}: several paths warm at once.
	 */
	static RequestSource mix(List<RequestSource> sources) {
		return new RequestSource() {
			private long n;

			@Override
			public void write(ByteBuffer out, int buyer) {
				sources.get((int) (this.n++ % sources.size())).write(out, buyer);
			}

			@Override
			public int bodyCapture() {
				return sources.stream().mapToInt(RequestSource::bodyCapture).max().orElse(0);
			}
		};
	}

}
