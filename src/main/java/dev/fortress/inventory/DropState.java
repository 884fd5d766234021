package dev.fortress.inventory;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A drop as stored: {@code remaining} units of {@code sku} may still be sold between
 * {@code startsAt} and {@code endsAt} (open-ended when {@code null}), at most
 * {@code perCustomerLimit} per customer. The drop's units were set aside from the SKU's
 * stock when it was created, so {@code remaining} units are always on the shelf for it;
 * what it has not sold when it ends goes back to the SKU's available stock.
 */
public record DropState(UUID id, String sku, int quantity, int remaining, Instant startsAt, @Nullable Instant endsAt,
		int perCustomerLimit) {

	/** Whether the drop sells at {@code now} (ignoring what is left). */
	public boolean isOpenAt(Instant now) {
		return !now.isBefore(this.startsAt) && !hasEndedAt(now);
	}

	/** The status at {@code now}, derived from the clock and what is left. */
	public DropStatus statusAt(Instant now) {
		if (now.isBefore(this.startsAt)) {
			return DropStatus.SCHEDULED;
		}
		if (hasEndedAt(now)) {
			return DropStatus.ENDED;
		}
		return this.remaining > 0 ? DropStatus.LIVE : DropStatus.SOLD_OUT;
	}

	/**
	 * Units a buyer could still get from the drop: what it has left (they are set aside
	 * on the shelf), none once it has ended.
	 */
	public int availableAt(Instant now) {
		return hasEndedAt(now) ? 0 : this.remaining;
	}

	private boolean hasEndedAt(Instant now) {
		return this.endsAt != null && !now.isBefore(this.endsAt);
	}

}
