package dev.fortress.bench.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The buyer accounts. Registering and logging in cost about 50 ms of Argon2id each, so
 * the benchmark creates a bounded number of accounts and maps many simulated buyers onto
 * them: buyer {@code b} uses account {@code b mod n}. The per-customer limit is per
 * account, so scenarios that must sell a drop out with a limit of one have at least as
 * many accounts as units.
 */
public final class Buyers {

	public static final String PASSWORD = "bench-buyer-passphrase-3907";

	private final List<String> tokens;

	private Buyers(List<String> tokens) {
		this.tokens = List.copyOf(tokens);
	}

	/**
	 * Registers and logs in {@code count} accounts, a few at a time (the server hashes at
	 * most a few passwords at once; more would only queue).
	 */
	public static Buyers create(Api api, int count, int parallel) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(parallel);
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String email = "buyer-" + i + "@bench.example.com";
				String name = "Buyer " + i;
				futures.add(pool.submit(() -> {
					api.register(email, PASSWORD, name);
					return api.login(email, PASSWORD);
				}));
			}
			List<String> tokens = new ArrayList<>();
			for (Future<String> future : futures) {
				tokens.add(future.get());
			}
			return new Buyers(tokens);
		}
		finally {
			pool.shutdownNow();
		}
	}

	public int size() {
		return this.tokens.size();
	}

	/** The access token of the account buyer {@code buyer} uses. */
	public String tokenFor(int buyer) {
		return this.tokens.get(Math.floorMod(buyer, this.tokens.size()));
	}

	public List<String> tokens() {
		return this.tokens;
	}

}
