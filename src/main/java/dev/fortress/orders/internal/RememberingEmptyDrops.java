package dev.fortress.orders.internal;

/**
 * Lets the row-lock and conditional strategies feed {@link KnownSoldOut} as the batched
 * strategy does, so checkout's sold-out fast path serves every strategy. Only a refused
 * request for one unit proves the drop empty (a request for two is refused by a drop with
 * one left); the generation is taken before the strategy reads the drop, so units that
 * come back meanwhile are never forgotten behind a stale "empty".
 */
class RememberingEmptyDrops implements ReservationStrategy {

	private final ReservationStrategy strategy;

	private final KnownSoldOut soldOut;

	RememberingEmptyDrops(ReservationStrategy strategy, KnownSoldOut soldOut) {
		this.strategy = strategy;
		this.soldOut = soldOut;
	}

	@Override
	public String name() {
		return this.strategy.name();
	}

	@Override
	public Reservation reserve(OrderDraft draft) {
		long generation = this.soldOut.generation();
		Reservation reservation = this.strategy.reserve(draft);
		if (reservation instanceof Reservation.SoldOut refused && refused.dropId() != null && draft.quantity() == 1) {
			this.soldOut.remember(KnownSoldOut.dropKey(refused.dropId()), generation);
		}
		return reservation;
	}

}
