package dev.fortress.knowledge.llm;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.RateLimitException;

/**
 * Which failures of a model call are worth another attempt and count against the
 * provider's health: connection trouble and timeouts (I/O), {@code 429} and {@code 5xx}.
 * A {@code 4xx} is the request's fault and fails the same way every time; a failure to
 * hand text to our own caller is nobody's fault at the provider.
 */
final class Failures {

	private Failures() {
	}

	/** The provider failed in a way that may pass: its breaker counts it. */
	static boolean transientAtProvider(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DeliveryFailed) {
				return false;
			}
			if (cause instanceof InternalServerException || cause instanceof RateLimitException
					|| cause instanceof OpenAIIoException || cause instanceof OpenAIRetryableException
					|| cause instanceof IOException || cause instanceof TimeoutException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Worth another attempt: transient, and no text of this attempt reached the caller.
	 */
	static boolean retryable(Throwable failure) {
		return !(failure instanceof StreamBroken) && transientAtProvider(failure);
	}

	/** A stream failed after some of its text was handed to the caller. */
	static final class StreamBroken extends RuntimeException {

		StreamBroken(Throwable cause) {
			super("The reply stream broke after text was delivered", cause);
		}

	}

	/** The caller's consumer of the streamed text threw: it went away. */
	static final class DeliveryFailed extends RuntimeException {

		DeliveryFailed(Throwable cause) {
			super("The streamed text could not be handed over", cause);
		}

	}

}
