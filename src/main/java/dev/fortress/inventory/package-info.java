/**
 * Inventory: stock per SKU ({@code onHand}, {@code reserved}, {@code available}),
 * restocks, and timed drops of limited quantity with a per-customer limit. Other modules
 * read through {@link dev.fortress.inventory.InventoryApi} and reserve through the
 * transactional primitives of {@link dev.fortress.inventory.StockLedger}.
 */
package dev.fortress.inventory;
