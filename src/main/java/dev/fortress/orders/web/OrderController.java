package dev.fortress.orders.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.orders.internal.Checkout;
import dev.fortress.orders.internal.CheckoutAdmission;
import dev.fortress.orders.internal.OrderQueries;
import dev.fortress.orders.internal.OrderStatus;
import dev.fortress.orders.internal.OrderView;
import dev.fortress.orders.internal.PlaceOrder;
import dev.fortress.platform.web.BodyLimit;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Pages;

@RestController
@RequestMapping("/api/v1/orders")
@BodyLimit(bytes = OrderController.MAX_BODY_BYTES)
@Tag(name = "Orders", description = "Checkout, order history, cancellation")
class OrderController {

	/**
	 * The largest body any order request needs: a checkout of
	 * {@link PlaceOrder#MAX_LINES} lines whose SKUs are written entirely as
	 * {@code \\uXXXX} escapes is about 22 KB; 64 KB leaves room for whitespace. Larger
	 * bodies are refused {@code 413} before they are parsed (the flood's 200 KB truncated
	 * checkout cost Jackson thousands of lines).
	 */
	static final long MAX_BODY_BYTES = 64 * 1024;

	private final Checkout checkout;

	private final CheckoutAdmission admission;

	private final OrderQueries queries;

	OrderController(Checkout checkout, CheckoutAdmission admission, OrderQueries queries) {
		this.checkout = checkout;
		this.admission = admission;
		this.queries = queries;
	}

	@PostMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
	@Operation(summary = "Check out",
			description = "Body: {items:[{sku,quantity}]} or {dropId, quantity}, plus payment:{token}. Requires "
					+ "Idempotency-Key (per user, 24 h): same key + same body replays the first response; another "
					+ "body → 422 idempotency-key-reused; while the first runs → 409 idempotency-key-in-use. "
					+ "Sold out or drop not live → 409 sold-out; per-customer limit → 409 conflict; declined → "
					+ "402 payment-declined (released); provider unavailable → 503 + Retry-After (released). "
					+ "201 with status PAID, or PENDING_PAYMENT when the provider's answer is not known yet "
					+ "(the order settles when the charge is reconciled). Too many checkouts at once → 503 + "
					+ "Retry-After before anything is reserved (the key stays free).")
	ResponseEntity<OrderView> place(CurrentUser user,
			@Parameter(required = true) @RequestHeader(name = "Idempotency-Key") String key,
			@Valid @RequestBody PlaceOrderRequest request) {
		List<PlaceOrder.Item> items = request.items() == null ? null
				: request.items().stream().map(item -> new PlaceOrder.Item(item.sku(), item.quantity())).toList();
		PlaceOrder command = new PlaceOrder(items, request.dropId(), request.quantity(), request.payment().token());
		OrderView order = this.admission.admit(() -> this.checkout.place(user, key, command));
		return ResponseEntity.created(URI.create("/api/v1/orders/" + order.id())).body(order);
	}

	@GetMapping
	@Operation(summary = "My orders, newest first (ADMIN: everybody's)")
	ResponseEntity<CursorPage<OrderView>> list(CurrentUser user, @RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		return Pages.ok(this.queries.list(user, cursor, limit));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One of my orders", description = "Someone else's order is 404 (ADMIN sees all).")
	ResponseEntity<OrderView> get(CurrentUser user, @PathVariable UUID id) {
		OrderView order = this.queries.get(id, user);
		return ResponseEntity.ok().eTag(String.valueOf(order.version())).body(order);
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
	@Operation(summary = "Cancel a paid order: refund and restock",
			description = "Exactly once, even when called twice at once; cancelling a cancelled order answers 200 "
					+ "with it. 202 with the order REFUNDING when the refund cannot be made now: it is retried "
					+ "automatically and the order then becomes CANCELLED. 409 while the payment is still being "
					+ "settled.")
	ResponseEntity<OrderView> cancel(CurrentUser user, @PathVariable UUID id) {
		OrderView order = this.queries.cancel(id, user);
		return (order.status() == OrderStatus.REFUNDING) ? ResponseEntity.accepted().body(order)
				: ResponseEntity.ok(order);
	}

	record PlaceOrderRequest(@Size(max = PlaceOrder.MAX_LINES) @Nullable List<@Valid @NotNull ItemRequest> items,
			@Nullable UUID dropId, @Nullable @Min(1) @Max(PlaceOrder.MAX_QUANTITY) Integer quantity,
			@NotNull @Valid PaymentRequest payment) {
	}

	record ItemRequest(@NotBlank @Size(max = PlaceOrder.MAX_SKU_LENGTH) String sku,
			@Min(1) @Max(PlaceOrder.MAX_QUANTITY) int quantity) {
	}

	/** The token's rules are {@link PlaceOrder#TOKEN_PATTERN}'s. */
	record PaymentRequest(@NotBlank @Size(max = PlaceOrder.MAX_TOKEN_LENGTH) @Pattern(regexp = PlaceOrder.TOKEN_PATTERN,
			message = "must be visible ASCII characters") String token) {
	}

}
