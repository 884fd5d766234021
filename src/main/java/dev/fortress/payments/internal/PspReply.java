package dev.fortress.payments.internal;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/** What one logical call to the provider came to, after retries. */
sealed interface PspReply {

	/** The provider answered (any status below 500 except 429 and a key still in use). */
	record Answered(int status, JsonNode body) implements PspReply {

		boolean successful() {
			return this.status >= 200 && this.status < 300;
		}

		String text(String field) {
			JsonNode node = this.body.path(field);
			return node.isMissingNode() || node.isNull() ? null : node.asString();
		}

		String errorCode() {
			JsonNode node = this.body.path("error").path("code");
			return node.isMissingNode() || node.isNull() ? "http_" + this.status : node.asString();
		}

	}

	/**
	 * The provider could not be reached or failed before acting (circuit open, connection
	 * refused, server errors on every attempt): the call had no effect.
	 */
	record Unreachable(Duration retryAfter, String reason) implements PspReply {
	}

	/**
	 * The request may have been processed, but no answer came in time (read timeout, or
	 * the key was still in use by an earlier attempt on every retry).
	 */
	record NoAnswer(String reason) implements PspReply {
	}

}
