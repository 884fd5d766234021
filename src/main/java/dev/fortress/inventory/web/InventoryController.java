package dev.fortress.inventory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.inventory.StockLevel;
import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.platform.web.IfMatch;

@RestController
@RequestMapping("/api/v1/inventory")
@Tag(name = "Inventory", description = "Stock per SKU")
class InventoryController {

	private final InventoryService inventory;

	InventoryController(InventoryService inventory) {
		this.inventory = inventory;
	}

	@GetMapping("/{sku}")
	@Operation(summary = "Stock of a SKU", description = "Public. available = onHand - reserved.")
	ResponseEntity<StockView> get(@PathVariable String sku) {
		return view(this.inventory.level(sku));
	}

	@PutMapping("/{sku}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Restock: set the units on hand (ADMIN)",
			description = "409 when onHand would be below the units reserved for unpaid orders; "
					+ "412 when If-Match is stale (every reservation changes the ETag).")
	ResponseEntity<StockView> put(@PathVariable String sku, @Valid @RequestBody RestockRequest request,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
		return view(this.inventory.setOnHand(sku, request.onHand(), IfMatch.parse(ifMatch)));
	}

	private static ResponseEntity<StockView> view(StockLevel level) {
		return ResponseEntity.ok().eTag(String.valueOf(level.version())).body(StockView.of(level));
	}

	record RestockRequest(@NotNull @Min(0) @Max(1_000_000_000) Integer onHand) {
	}

}
