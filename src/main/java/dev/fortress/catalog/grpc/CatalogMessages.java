package dev.fortress.catalog.grpc;

import java.util.function.ToIntFunction;

import fortress.catalog.v1.Money;
import fortress.catalog.v1.Product;
import org.jspecify.annotations.Nullable;

import dev.fortress.catalog.Variant;
import dev.fortress.platform.grpc.ProtoFields;
import dev.fortress.platform.web.ApiException;

/**
 * The catalog's records as {@code fortress.catalog.v1} messages, and request fields read.
 */
final class CatalogMessages {

	private CatalogMessages() {
	}

	static Product product(dev.fortress.catalog.internal.Product product, ToIntFunction<Variant> available) {
		Product.Builder message = Product.newBuilder()
			.setId(product.id().toString())
			.setName(product.name())
			.setBrand(product.brand())
			.setDescription(product.description())
			.setFromPrice(money(new dev.fortress.platform.Money(product.minPrice(), product.currency())))
			.setCreatedAt(ProtoFields.timestamp(product.createdAt()))
			.setUpdatedAt(ProtoFields.timestamp(product.updatedAt()));
		for (Variant variant : product.variants()) {
			message.addVariants(fortress.catalog.v1.Variant.newBuilder()
				.setSku(variant.sku())
				.setSize(variant.size())
				.setPrice(money(variant.price()))
				.setAvailable(available.applyAsInt(variant)));
		}
		return message.build();
	}

	static Money money(dev.fortress.platform.Money money) {
		return Money.newBuilder().setAmount(money.amount()).setCurrency(money.currency()).build();
	}

	/** Stripped text, {@code null} when blank; longer than {@code max} is invalid. */
	static @Nullable String text(String field, String value, int max) {
		if (value.length() > max) {
			throw ApiException.invalid(field, "at most " + max + " characters");
		}
		return value.isBlank() ? null : value.strip();
	}

}
