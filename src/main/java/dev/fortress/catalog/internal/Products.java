package dev.fortress.catalog.internal;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.catalog.Variant;
import dev.fortress.platform.Money;

/** The {@code products} and {@code product_variants} tables. */
@Repository
class Products {

	static final String COLUMNS = "p.id, p.name, p.brand, p.description, p.currency, p.min_price, p.version, p.created_at, p.updated_at";

	static final RowMapper<Product> MAPPER = (rs, n) -> new Product(rs.getObject("id", UUID.class),
			rs.getString("name"), rs.getString("brand"), rs.getString("description"), rs.getString("currency"),
			rs.getLong("min_price"), rs.getLong("version"), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("updated_at").toInstant(), List.of());

	private static final RowMapper<Variant> VARIANT = (rs, n) -> new Variant(rs.getString("sku"),
			rs.getObject("product_id", UUID.class), rs.getString("name"), rs.getString("size"),
			new Money(rs.getLong("price_amount"), rs.getString("price_currency")));

	private final JdbcClient jdbc;

	Products(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Product product) {
		this.jdbc
			.sql("""
					insert into products (id, name, brand, description, currency, min_price, version, created_at, updated_at)
					values (:id, :name, :brand, :description, :currency, :minPrice, 0, :now, :now)
					""")
			.param("id", product.id())
			.param("name", product.name())
			.param("brand", product.brand())
			.param("description", product.description())
			.param("currency", product.currency())
			.param("minPrice", product.minPrice())
			.param("now", Timestamp.from(product.createdAt()))
			.update();
	}

	/** Inserts a variant unless its SKU exists; returns whether it was inserted. */
	boolean insertVariant(UUID productId, NewVariant variant, int position) {
		return this.jdbc.sql("""
				insert into product_variants (sku, product_id, size, price_amount, price_currency, position)
				values (:sku, :productId, :size, :amount, :currency, :position)
				on conflict (sku) do nothing
				""")
			.param("sku", variant.sku())
			.param("productId", productId)
			.param("size", variant.size())
			.param("amount", variant.price().amount())
			.param("currency", variant.price().currency())
			.param("position", position)
			.update() == 1;
	}

	Optional<Product> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from products p where p.id = :id")
			.param("id", id)
			.query(MAPPER)
			.optional()
			.map(product -> product.withVariants(variantsOf(List.of(id)).getOrDefault(id, List.of())));
	}

	/** Variants of the given products, in their declared order. */
	Map<UUID, List<Variant>> variantsOf(Collection<UUID> productIds) {
		if (productIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("""
				select v.sku, v.product_id, p.name, v.size, v.price_amount, v.price_currency
				from product_variants v join products p on p.id = v.product_id
				where v.product_id = any(:ids) order by v.product_id, v.position
				""")
			.param("ids", productIds.toArray(UUID[]::new))
			.query(VARIANT)
			.list()
			.stream()
			.collect(Collectors.groupingBy(Variant::productId, LinkedHashMap::new, Collectors.toList()));
	}

	List<Variant> variants(Collection<String> skus) {
		return this.jdbc.sql("""
				select v.sku, v.product_id, p.name, v.size, v.price_amount, v.price_currency
				from product_variants v join products p on p.id = v.product_id
				where v.sku = any(:skus)
				""").param("skus", skus.toArray(String[]::new)).query(VARIANT).list();
	}

	boolean update(UUID id, long expectedVersion, String name, String brand, String description,
			java.time.Instant now) {
		return this.jdbc.sql("""
				update products set name = :name, brand = :brand, description = :description,
				       version = version + 1, updated_at = :now
				where id = :id and version = :version
				""")
			.param("name", name)
			.param("brand", brand)
			.param("description", description)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.param("version", expectedVersion)
			.update() == 1;
	}

}
