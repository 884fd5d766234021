package dev.fortress.fulfilment.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fortress.fulfilment.internal.Shipments;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Pages;

@RestController
@PreAuthorize("hasRole('ADMIN')")
@Validated
@Tag(name = "Fulfilment", description = "ADMIN only: shipment requests handed to the warehouse")
class ShipmentController {

	private final Shipments shipments;

	ShipmentController(Shipments shipments) {
		this.shipments = shipments;
	}

	@GetMapping("/api/v1/admin/shipments")
	@Operation(summary = "Shipment requests in one status, newest first",
			description = "status: REQUESTED (paid orders to ship) or WITHDRAWN (their orders were cancelled).")
	ResponseEntity<CursorPage<Shipments.Shipment>> list(
			@RequestParam(defaultValue = "REQUESTED") @Pattern(regexp = "REQUESTED|WITHDRAWN",
					message = "must be REQUESTED or WITHDRAWN") String status,
			@RequestParam(required = false) String cursor,
			@RequestParam(defaultValue = Pages.DEFAULT_LIMIT) @Min(1) @Max(Pages.MAX_LIMIT) int limit) {
		return Pages.ok(this.shipments.list(status, cursor, limit));
	}

}
