package dev.fortress.inventory.web;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.platform.web.HttpCaching;

@RestController
@RequestMapping("/api/v1/drops")
@Tag(name = "Drops", description = "Timed sales of a limited quantity of one SKU")
class DropController {

	private final InventoryService inventory;

	DropController(InventoryService inventory) {
		this.inventory = inventory;
	}

	@PostMapping
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "Schedule a drop (ADMIN)",
			description = "Sells `quantity` units of `sku` from `startsAt` (until `endsAt`), at most "
					+ "`perCustomerLimit` per customer. The units are set aside from the SKU's stock at once "
					+ "(409 when fewer are available), so only the drop sells them; what it has not sold when "
					+ "it ends goes back on the shelf.")
	ResponseEntity<DropView> create(@Valid @RequestBody CreateDropRequest request) {
		DropState drop = this.inventory.createDrop(request.sku(), request.quantity(), request.startsAt(),
				request.endsAt(), request.perCustomerLimit());
		return ResponseEntity.created(URI.create("/api/v1/drops/" + drop.id())).body(view(drop));
	}

	@GetMapping("/{id}")
	@Operation(summary = "A drop and what is left",
			description = "Public. status: SCHEDULED, LIVE, SOLD_OUT, ENDED. Weak ETag: If-None-Match answers 304.")
	ResponseEntity<DropView> get(@PathVariable UUID id) {
		DropView view = view(this.inventory.publicDrop(id));
		return HttpCaching.revalidated(ResponseEntity.ok(view), HttpCaching.weakTag(view.toString()));
	}

	private DropView view(DropState drop) {
		return DropView.of(drop, this.inventory.now());
	}

	record CreateDropRequest(@NotBlank String sku, @NotNull @Min(1) @Max(1_000_000) Integer quantity,
			@NotNull Instant startsAt, @Nullable Instant endsAt,
			@NotNull @Min(1) @Max(1_000_000) Integer perCustomerLimit) {
	}

}
