package dev.fortress.catalog;

import java.util.UUID;

import dev.fortress.platform.Money;

/** One sellable variant of a product: its SKU, size and unit price. */
public record Variant(String sku, UUID productId, String productName, String size, Money price) {
}
