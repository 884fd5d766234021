package dev.fortress.inventory.graphql;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import dev.fortress.inventory.DropState;
import dev.fortress.inventory.DropStatus;
import dev.fortress.inventory.internal.InventoryService;
import dev.fortress.platform.graphql.Inputs;

@Controller
class DropGraphQlController {

	private final InventoryService inventory;

	DropGraphQlController(InventoryService inventory) {
		this.inventory = inventory;
	}

	@QueryMapping
	DropNode drop(@Argument String id) {
		return DropNode.of(this.inventory.publicDrop(Inputs.requiredUuid("id", id)), this.inventory.now());
	}

	/** A drop as readers see it at a moment: its status and what a buyer could get. */
	record DropNode(UUID id, String sku, DropStatus status, int quantity, int available, Instant startsAt,
			@Nullable Instant endsAt, int perCustomerLimit) {

		static DropNode of(DropState drop, Instant now) {
			return new DropNode(drop.id(), drop.sku(), drop.statusAt(now), drop.quantity(), drop.availableAt(now),
					drop.startsAt(), drop.endsAt(), drop.perCustomerLimit());
		}

	}

}
