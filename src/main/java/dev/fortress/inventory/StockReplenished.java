package dev.fortress.inventory;

/**
 * Published when units of a SKU became available again through a restock, so caches that
 * remember the SKU as sold out forget it.
 */
public record StockReplenished(String sku, int onHand, int available) {
}
