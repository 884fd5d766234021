package dev.fortress.identity.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import dev.fortress.platform.web.ApiException;

/**
 * Hashes and verifies passwords with Argon2id at OWASP's current minimum (m = 19 MiB, t =
 * 2, p = 1; Password Storage Cheat Sheet). Spring Security's stock Argon2 defaults are
 * weaker, so the parameters are set here. Hashes are self-describing
 * ({@code {argon2id}$argon2id$v=19$m=19456,t=2,p=1$…}), so the parameters can be raised
 * later and old hashes are upgraded on the next successful login.
 * <p>
 * Each hash costs 19 MiB and tens of milliseconds of CPU, so at most
 * {@code maxConcurrentHashes} run at once, and together they use at most
 * {@code hashingCpuShare} of the processors ({@link HashingBudget}); callers beyond
 * either bound wait briefly and then get a {@code 503} instead of exhausting memory or
 * starving every other request of CPU.
 */
@Component
class PasswordHasher {

	static final String ID = "argon2id";

	/** How long a caller waits for a place and for the CPU budget, together. */
	private static final Duration PATIENCE = Duration.ofSeconds(2);

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	private final HashingBudget budget;

	/**
	 * Verified against when the e-mail is unknown, so both failures take the same time.
	 */
	private final String dummyHash;

	PasswordHasher(IdentityProperties properties) {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
		this.encoder = new DelegatingPasswordEncoder(ID, Map.of(ID, argon2));
		this.permits = new Semaphore(properties.maxConcurrentHashes(), true);
		this.budget = new HashingBudget(properties.hashingCpuShare(), Runtime.getRuntime().availableProcessors());
		this.dummyHash = this.encoder.encode("fortress-dummy-password-for-timing");
	}

	String hash(String rawPassword) {
		return guarded(() -> this.encoder.encode(rawPassword));
	}

	/** Whether the password matches; an unknown user is checked against a dummy hash. */
	boolean matches(String rawPassword, String storedHash) {
		return guarded(() -> this.encoder.matches(rawPassword, storedHash));
	}

	/** Burns the same time as a real verification, for unknown accounts. */
	void matchesNothing(String rawPassword) {
		guarded(() -> this.encoder.matches(rawPassword, this.dummyHash));
	}

	/**
	 * Whether a stored hash uses other parameters than today's and should be replaced.
	 */
	boolean needsRehash(String storedHash) {
		return this.encoder.upgradeEncoding(storedHash);
	}

	private <T> T guarded(Supplier<T> work) {
		boolean acquired = false;
		try {
			long started = System.nanoTime();
			acquired = this.permits.tryAcquire(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
			if (acquired) {
				T result = this.budget.spend(PATIENCE.minusNanos(System.nanoTime() - started), work);
				if (result != null) {
					return result;
				}
			}
			throw ApiException.unavailable("The server is busy verifying passwords; retry shortly",
					Duration.ofSeconds(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw ApiException.unavailable("Interrupted; retry shortly", Duration.ofSeconds(1));
		}
		finally {
			if (acquired) {
				this.permits.release();
			}
		}
	}

}
