package dev.fortress.orders.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.identity.CurrentUser;
import dev.fortress.orders.internal.CartService;
import dev.fortress.orders.internal.CartView;
import dev.fortress.orders.internal.PlaceOrder;
import dev.fortress.platform.web.BodyLimit;

@RestController
@RequestMapping("/api/v1/cart")
@BodyLimit(bytes = OrderController.MAX_BODY_BYTES)
@Tag(name = "Cart", description = "The caller's cart")
class CartController {

	private final CartService carts;

	CartController(CartService carts) {
		this.carts = carts;
	}

	@GetMapping
	@Operation(summary = "My cart with current prices and availability")
	CartView get(CurrentUser user) {
		return this.carts.get(user.id());
	}

	@PutMapping("/items/{sku}")
	@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
	@Operation(summary = "Set the quantity of a SKU in my cart",
			description = "404 unknown SKU; 409 sold-out when none is available, 409 conflict beyond what is available.")
	CartView put(CurrentUser user, @PathVariable String sku, @Valid @RequestBody QuantityRequest request) {
		return this.carts.put(user, sku, request.quantity());
	}

	@DeleteMapping("/items/{sku}")
	@PreAuthorize("hasAnyRole('ADMIN', 'EDITOR')")
	@Operation(summary = "Remove a SKU from my cart")
	CartView remove(CurrentUser user, @PathVariable String sku) {
		return this.carts.remove(user, sku);
	}

	record QuantityRequest(@NotNull @Min(1) @Max(PlaceOrder.MAX_QUANTITY) Integer quantity) {
	}

}
