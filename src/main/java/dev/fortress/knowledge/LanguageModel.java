package dev.fortress.knowledge;

import java.util.UUID;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The chat model Fortress is configured with ({@code FORTRESS_LLM_URL},
 * {@code FORTRESS_LLM_MODEL}, {@code FORTRESS_LLM_API_KEY}), behind the guards every call
 * leaving the process gets: a timeout, retries, a circuit breaker, a per-user daily token
 * quota and the cost meter. Answers and moderation both call it through here.
 */
public interface LanguageModel {

	/** Whether a model is configured; when not, every call fails with {@code OFF}. */
	boolean configured();

	/**
	 * One complete, non-streamed reply.
	 * @param user whose quota and cost meter pay for the call, or null for the platform's
	 * own work (moderation), which has a budget of its own
	 * @param purpose a short tag for the metrics: {@code ask}, {@code moderation}
	 * @throws LanguageModelUnavailable when no model is configured, the breaker is open,
	 * the call failed after its retries or timed out, or the quota is spent
	 */
	Reply complete(@Nullable UUID user, String purpose, Prompt prompt);

	/**
	 * One reply streamed as it is generated: each piece of text is handed to
	 * {@code delta} as it arrives, on the calling thread, and the whole reply is returned
	 * at the end. Guarded like {@link #complete}; a failure is retried only before the
	 * first piece was handed over (after that, a retry would repeat text the caller has
	 * already passed on).
	 * @throws LanguageModelUnavailable as {@link #complete} does; also when the stream
	 * broke after some pieces were handed over ({@code FAILED}), or when {@code delta}
	 * threw (the caller's consumer went away; the exception is the cause)
	 */
	Reply stream(@Nullable UUID user, String purpose, Prompt prompt, Consumer<String> delta);

	/**
	 * A provider-independent estimate of a text's tokens: one per four characters, the
	 * usual rule for English with BPE tokenisers, rounded up. Budgets use it before a
	 * call; the meter uses the provider's own count when the reply carries one.
	 */
	static int estimateTokens(String text) {
		return (text.length() + 3) / 4;
	}

	/**
	 * @param system the instructions
	 * @param user the request, with any retrieved text delimited as data
	 * @param maxTokens the most the reply may use
	 */
	record Prompt(String system, String user, int maxTokens) {
	}

	/**
	 * The reply with the tokens the provider counted (or the estimate when it did not).
	 */
	record Reply(String text, int tokensIn, int tokensOut) {
	}

}
