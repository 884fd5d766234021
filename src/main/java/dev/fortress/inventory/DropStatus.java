package dev.fortress.inventory;

/** Where a drop is in its life, derived from the clock and what is left. */
public enum DropStatus {

	SCHEDULED, LIVE, SOLD_OUT, ENDED

}
