package dev.fortress.orders.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.fortress.inventory.StockReplenished;

/**
 * The batched strategy's sold-out fast path: hot keys (a drop, a SKU) known to be empty
 * are answered {@code 409} from memory. An entry is forgotten when stock comes back in
 * this instance (restock, released or cancelled orders), and in any case after a short
 * time, which bounds how stale another instance's memory can be.
 */
@Component
class KnownSoldOut {

	private final Map<String, Long> until = new ConcurrentHashMap<>();

	private final long ttlNanos;

	KnownSoldOut(InventoryProperties properties) {
		this.ttlNanos = properties.soldOutTtl().toNanos();
	}

	boolean isSoldOut(String key) {
		Long deadline = this.until.get(key);
		if (deadline == null) {
			return false;
		}
		if (System.nanoTime() - deadline < 0) {
			return true;
		}
		this.until.remove(key, deadline);
		return false;
	}

	void remember(String key) {
		this.until.put(key, System.nanoTime() + this.ttlNanos);
	}

	/** Units came back somewhere: forget everything (cheap, and never wrong). */
	void forgetAll() {
		this.until.clear();
	}

	@TransactionalEventListener
	void on(StockReplenished event) {
		forgetAll();
	}

	Duration ttl() {
		return Duration.ofNanos(this.ttlNanos);
	}

}
