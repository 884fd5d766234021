/**
 * Catalog: products with variants (one SKU per size, price in minor units), ranked
 * full-text and prefix search with filters and keyset paging. ADMIN writes; anyone reads.
 * Other modules look up SKUs and prices through {@link dev.fortress.catalog.CatalogApi}.
 */
package dev.fortress.catalog;
