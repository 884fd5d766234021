package dev.fortress.payments.sandbox;

import java.time.Duration;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox payment provider's HTTP API: authorise, capture, cancel, refund and
 * look-ups. Every write needs an {@code Idempotency-Key}; every call needs the sandbox
 * API key in {@code X-Api-Key}. It knows nothing of Fortress: the payments client talks
 * to it only over HTTP, exactly as it would to a real provider.
 */
@RestController
@RequestMapping(path = SandboxPspController.BASE, produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnBooleanProperty(name = "fortress.payments.sandbox.enabled", matchIfMissing = true)
@Tag(name = "Sandbox payment provider",
		description = "A stand-in for a real payment provider, served by the application itself")
class SandboxPspController {

	static final String BASE = "/sandbox-psp/v1";

	private final SandboxPayments payments;

	private final SandboxIdempotencyKeys keys;

	private final SandboxProperties properties;

	SandboxPspController(SandboxPayments payments, SandboxIdempotencyKeys keys, SandboxProperties properties) {
		this.payments = payments;
		this.keys = keys;
		this.properties = properties;
	}

	@PostMapping(path = "/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Authorise a card payment",
			description = "201 AUTHORIZED, 402 DECLINED, 400 invalid token; tok_slow answers after the slow delay, "
					+ "tok_error answers 500")
	ResponseEntity<String> authorize(@RequestHeader("Idempotency-Key") @Size(max = 255) String key,
			@Valid @RequestBody AuthorizeRequest request) {
		Duration delay = "tok_slow".equals(request.token()) ? this.properties.slowDelay() : Duration.ZERO;
		return respond(this.keys.execute(key, request.fingerprint(), delay, () -> this.payments.authorize(request)));
	}

	@PostMapping("/payments/{id}/capture")
	@Operation(summary = "Capture an authorised payment")
	ResponseEntity<String> capture(@RequestHeader("Idempotency-Key") @Size(max = 255) String key,
			@PathVariable String id) {
		return onPayment(key, id, "capture", () -> this.payments.capture(id));
	}

	@PostMapping("/payments/{id}/cancel")
	@Operation(summary = "Cancel (void) an authorised, uncaptured payment")
	ResponseEntity<String> cancel(@RequestHeader("Idempotency-Key") @Size(max = 255) String key,
			@PathVariable String id) {
		return onPayment(key, id, "cancel", () -> this.payments.cancel(id));
	}

	@PostMapping("/payments/{id}/refunds")
	@Operation(summary = "Refund a captured payment in full")
	ResponseEntity<String> refund(@RequestHeader("Idempotency-Key") @Size(max = 255) String key,
			@PathVariable String id) {
		return onPayment(key, id, "refunds", () -> this.payments.refund(id));
	}

	@GetMapping("/payments/{id}")
	@Operation(summary = "Look up a payment")
	ResponseEntity<String> get(@PathVariable String id) {
		return respond(this.payments.get(id));
	}

	@GetMapping("/payments")
	@Operation(summary = "Find the payments made for a merchant reference")
	ResponseEntity<String> find(@RequestParam @Size(max = 100) String reference) {
		return respond(this.payments.findByReference(reference));
	}

	/**
	 * A keyed action on one payment: the key is bound to the action and the payment id.
	 */
	private ResponseEntity<String> onPayment(String key, String id, String action, Supplier<SandboxResponse> work) {
		return respond(this.keys.execute(key, "POST /payments/" + id + "/" + action, Duration.ZERO, work));
	}

	private static ResponseEntity<String> respond(SandboxResponse response) {
		ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.status())
			.contentType(MediaType.APPLICATION_JSON);
		if (response.replayed()) {
			builder.header("Idempotent-Replayed", "true");
		}
		return builder.body(response.body());
	}

}
