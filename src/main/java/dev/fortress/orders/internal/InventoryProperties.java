package dev.fortress.orders.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reservation settings ({@code fortress.inventory.*};
 * {@code FORTRESS_INVENTORY_STRATEGY}). They are bound here because the reservation
 * strategy lives where the checkout transaction lives (see docs/adr/0020).
 *
 * @param strategy {@code batched} (default), {@code conditional} or {@code row-lock}
 * @param batchSize most requests one batched transaction serves
 * @param batchLinger how long a batched writer waits for more requests after the first
 * @param queueCapacity requests that may wait per hot SKU before checkout answers 503
 * @param soldOutTtl how long a SKU known to be sold out is answered from memory; restocks
 * and releases in this instance forget it at once, other instances after this time
 */
@ConfigurationProperties("fortress.inventory")
record InventoryProperties(String strategy, int batchSize, Duration batchLinger, int queueCapacity,
		Duration soldOutTtl) {

	InventoryProperties {
		strategy = strategy == null || strategy.isBlank() ? "batched" : strategy.trim().toLowerCase();
		batchSize = batchSize <= 0 ? 128 : batchSize;
		batchLinger = batchLinger == null ? Duration.ofMillis(1) : batchLinger;
		queueCapacity = queueCapacity <= 0 ? 4096 : queueCapacity;
		soldOutTtl = soldOutTtl == null ? Duration.ofSeconds(1) : soldOutTtl;
	}

}
