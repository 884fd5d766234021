package dev.fortress.payments.sandbox;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The sandbox's authorisation request: amount in minor units, card token, merchant
 * reference.
 */
record AuthorizeRequest(@Positive long amount, @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
		@NotBlank @Size(max = 100) String token, @NotBlank @Size(max = 100) String reference) {

	/** What the idempotency key is bound to: every field that changes the outcome. */
	String fingerprint() {
		return "POST /payments|" + this.amount + "|" + this.currency + "|" + this.token + "|" + this.reference;
	}

}
