package dev.fortress.platform;

import java.util.Currency;

/**
 * An amount of money in integer minor units (cents) of an ISO 4217 currency. Never a
 * floating-point number.
 */
public record Money(long amount, String currency) {

	public Money {
		if (currency == null || currency.length() != 3) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code");
		}
		currency = currency.toUpperCase(java.util.Locale.ROOT);
		Currency.getInstance(currency);
	}

	public Money times(long quantity) {
		return new Money(Math.multiplyExact(this.amount, quantity), this.currency);
	}

	public Money plus(Money other) {
		if (!this.currency.equals(other.currency)) {
			throw new IllegalArgumentException("Cannot add " + other.currency + " to " + this.currency);
		}
		return new Money(Math.addExact(this.amount, other.amount), this.currency);
	}

}
