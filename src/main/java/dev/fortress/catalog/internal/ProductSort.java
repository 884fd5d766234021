package dev.fortress.catalog.internal;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.fortress.platform.web.ApiException;

/** Orders a catalog search can come back in; each has its own keyset. */
public enum ProductSort {

	/** Best text match first; the default when {@code q} is given. */
	RELEVANCE,
	/** Newest product first; the default otherwise. */
	NEWEST, PRICE_ASC, PRICE_DESC, NAME;

	public static ProductSort parse(@Nullable String value, boolean hasText) {
		if (value == null || value.isBlank()) {
			return hasText ? RELEVANCE : NEWEST;
		}
		try {
			ProductSort sort = valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
			if (sort == RELEVANCE && !hasText) {
				throw ApiException.invalid("sort", "relevance needs q");
			}
			return sort;
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("sort", "must be one of relevance, newest, price_asc, price_desc, name");
		}
	}

}
