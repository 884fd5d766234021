package dev.fortress.catalog.internal;

import dev.fortress.platform.Money;

/** A variant to create, with the units initially on hand. */
public record NewVariant(String sku, String size, Money price, int stock) {
}
