package dev.fortress.knowledge;

/**
 * The language model could not be used for this call; callers degrade (an extractive
 * answer, a screening by rules alone) rather than fail.
 */
public class LanguageModelUnavailable extends RuntimeException {

	/** Why the call did not happen or did not succeed. */
	public enum Reason {

		/** No model is configured. */
		OFF,
		/** The caller's daily token quota is spent. */
		QUOTA,
		/** The circuit breaker is open after repeated failures. */
		OPEN,
		/** The call failed or timed out after its retries. */
		FAILED

	}

	private final Reason reason;

	public LanguageModelUnavailable(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
