package dev.fortress.inventory.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives the unsold units of ended drops back to the shelf. A drop's units are set aside
 * while it may still sell them; once it has ended nothing can, so until this runs (at
 * most one interval after the end) they are only out of plain orders' reach, never sold
 * twice.
 */
@Component
class DropClosing {

	private final InventoryService inventory;

	DropClosing(InventoryService inventory) {
		this.inventory = inventory;
	}

	@Scheduled(fixedDelayString = "${fortress.inventory.drop-closing-interval:10s}",
			initialDelayString = "${fortress.inventory.drop-closing-interval:10s}")
	void closeEndedDrops() {
		this.inventory.closeEndedDrops();
	}

}
