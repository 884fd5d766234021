package dev.fortress.payments.internal;

import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * The conversation with the provider for one payment: authorise, then capture; and, when
 * a payment is given up, void or refund whatever the provider holds for it. Every step
 * uses the payment's own idempotency keys, so running the flow again (a reconciliation)
 * replays the provider's stored answers instead of charging again.
 */
class ChargeFlow {

	private final PspClient client;

	ChargeFlow(PspClient client) {
		this.client = client;
	}

	/** What the flow came to. */
	sealed interface Result {

		record Captured(String pspPaymentId) implements Result {
		}

		record Declined(String reason) implements Result {
		}

		/** Nothing was charged; the provider is failing or the circuit is open. */
		record Unavailable(Duration retryAfter, String reason) implements Result {
		}

		/** The outcome is not known: the same flow must be run again later. */
		record Unsettled(String reason) implements Result {
		}

	}

	/** While the provider's circuit is open: how long until it lets calls through. */
	Optional<Duration> refusingFor() {
		return this.client.refusingFor();
	}

	Result charge(Payment payment) {
		PspReply authorized = this.client.authorize(payment.key("authorize"), payment.amount(), payment.currency(),
				payment.cardToken(), payment.orderId().toString());
		if (authorized instanceof PspReply.Unreachable unreachable) {
			return new Result.Unavailable(unreachable.retryAfter(), unreachable.reason());
		}
		if (authorized instanceof PspReply.NoAnswer noAnswer) {
			return new Result.Unsettled(noAnswer.reason());
		}
		PspReply.Answered answer = (PspReply.Answered) authorized;
		if (answer.status() == 402) {
			String code = answer.text("declineCode");
			return new Result.Declined(code == null ? "declined" : code);
		}
		if (answer.status() == 401 || answer.status() == 403) {
			// Our credentials are wrong: an operator must act, nothing was charged.
			return new Result.Unavailable(Duration.ofMinutes(1), "provider refused our API key");
		}
		if (answer.status() == 422 || !answer.successful()) {
			if (answer.status() == 400 || answer.status() == 404) {
				return new Result.Declined(answer.errorCode());
			}
			// 422: the key was already used for another request; only the provider knows.
			return new Result.Unsettled("authorisation answered " + answer.status() + " " + answer.errorCode());
		}
		String paymentId = answer.text("id");
		if ("CAPTURED".equals(answer.text("status")) || "REFUNDED".equals(answer.text("status"))) {
			return new Result.Captured(paymentId);
		}
		if (!"AUTHORIZED".equals(answer.text("status"))) {
			return new Result.Declined(String.valueOf(answer.text("status")).toLowerCase(java.util.Locale.ROOT));
		}
		return capture(payment, paymentId);
	}

	private Result capture(Payment payment, String paymentId) {
		PspReply captured = this.client.capture(payment.key("capture"), paymentId);
		if (captured instanceof PspReply.Answered answer && answer.successful()
				&& "CAPTURED".equals(answer.text("status"))) {
			return new Result.Captured(paymentId);
		}
		// Authorised but the capture is not confirmed: money is held, so this is not
		// "unavailable" (that would release the order); reconciliation completes it.
		return new Result.Unsettled("capture not confirmed: " + describe(captured));
	}

	/**
	 * Makes sure the provider keeps no money for a payment we gave up on: cancels an
	 * authorisation, refunds a capture. True when nothing is left held.
	 */
	boolean release(Payment payment) {
		PspReply found = this.client.findByReference(payment.orderId().toString());
		if (!(found instanceof PspReply.Answered answer) || !answer.successful()) {
			return false;
		}
		boolean released = true;
		for (JsonNode held : answer.body().path("data")) {
			String id = held.path("id").asString();
			String status = held.path("status").asString();
			PspReply reply = switch (status) {
				case "AUTHORIZED" -> this.client.cancel(payment.key("cancel:" + id), id);
				case "CAPTURED" -> this.client.refund(payment.key("refund:" + id), id);
				default -> null;
			};
			released &= reply == null || (reply instanceof PspReply.Answered done && done.successful());
		}
		return released;
	}

	/** Refunds the captured payment in full (same key as a release would use). */
	PspReply refund(Payment payment) {
		return this.client.refund(payment.key("refund:" + payment.pspPaymentId()), payment.pspPaymentId());
	}

	private static String describe(PspReply reply) {
		if (reply instanceof PspReply.Answered answer) {
			return "HTTP " + answer.status() + " " + answer.errorCode();
		}
		if (reply instanceof PspReply.Unreachable unreachable) {
			return unreachable.reason();
		}
		return ((PspReply.NoAnswer) reply).reason();
	}

}
