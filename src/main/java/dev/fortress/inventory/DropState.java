package dev.fortress.inventory;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A drop as stored: {@code remaining} units of {@code sku} may still be sold between
 * {@code startsAt} and {@code endsAt} (open-ended when {@code null}), at most
 * {@code perCustomerLimit} per customer.
 */
public record DropState(UUID id, String sku, int quantity, int remaining, Instant startsAt, @Nullable Instant endsAt,
		int perCustomerLimit) {

	/** Whether the drop sells at {@code now} (ignoring what is left). */
	public boolean isOpenAt(Instant now) {
		return !now.isBefore(this.startsAt) && (this.endsAt == null || now.isBefore(this.endsAt));
	}

	/** The status at {@code now}, given how many units the SKU has available. */
	public DropStatus statusAt(Instant now, int skuAvailable) {
		if (now.isBefore(this.startsAt)) {
			return DropStatus.SCHEDULED;
		}
		if (this.endsAt != null && !now.isBefore(this.endsAt)) {
			return DropStatus.ENDED;
		}
		return available(skuAvailable) > 0 ? DropStatus.LIVE : DropStatus.SOLD_OUT;
	}

	/** Units a buyer could get now: what the drop has left, capped by the SKU's stock. */
	public int available(int skuAvailable) {
		return Math.max(0, Math.min(this.remaining, skuAvailable));
	}

}
