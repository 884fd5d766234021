package dev.fortress.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.fortress.catalog.Variant;
import dev.fortress.platform.Money;
import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.CursorPage;
import dev.fortress.platform.web.Cursors;

/**
 * Catalog search SQL. The statement is assembled from fixed fragments chosen by which
 * filters are present; every value is a bind parameter. Text matches either the stemmed
 * words ({@code websearch_to_tsquery}) or the beginnings of words ({@code word:*}), both
 * answered by the one GIN index on {@code search_vector}, ranked with {@code ts_rank}.
 * <p>
 * A page is one statement: the products of the page and their variants (the stock of
 * those variants is inventory's, asked through its API, ADR 0047).
 */
@Repository
class ProductSearch {

	private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

	private final JdbcClient jdbc;

	ProductSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	CursorPage<Product> search(ProductQuery query) {
		String prefix = prefixQuery(query.q());
		if (query.q() != null && prefix == null) {
			return new CursorPage<>(List.of(), null);
		}
		List<String> where = new ArrayList<>();
		StatementParams params = new StatementParams();
		String rank = "0::real";
		if (prefix != null) {
			String tsquery = "(websearch_to_tsquery('english', :q) || to_tsquery('simple', :prefix))";
			where.add("p.search_vector @@ " + tsquery);
			rank = "ts_rank(p.search_vector, " + tsquery + ")";
			params.put("q", query.q()).put("prefix", prefix);
		}
		if (query.brand() != null) {
			where.add("lower(p.brand) = lower(:brand)");
			params.put("brand", query.brand());
		}
		List<String> variantFilters = new ArrayList<>();
		if (query.size() != null) {
			variantFilters.add("v.size = :size");
			params.put("size", query.size());
		}
		if (query.minPrice() != null) {
			variantFilters.add("v.price_amount >= :minPrice");
			params.put("minPrice", query.minPrice());
		}
		if (query.maxPrice() != null) {
			variantFilters.add("v.price_amount <= :maxPrice");
			params.put("maxPrice", query.maxPrice());
		}
		if (!variantFilters.isEmpty()) {
			where.add("exists (select 1 from product_variants v where v.product_id = p.id and "
					+ String.join(" and ", variantFilters) + ")");
		}
		String inner = "select " + Products.COLUMNS + ", " + rank + " as rank from products p"
				+ (where.isEmpty() ? "" : " where " + String.join(" and ", where));
		String keyset = keyset(query, params);
		String page = "select * from (" + inner + ") p" + (keyset.isEmpty() ? "" : " where " + keyset) + " order by "
				+ orderBy(query.sort()) + " limit :limit";
		// The page's products first, then their variants joined to just those rows. The
		// outer order repeats the page's order (its columns are the page's) and keeps
		// each
		// product's variants together.
		String sql = "select p.*, v.sku as v_sku, v.size as v_size, v.price_amount as v_price_amount,"
				+ " v.price_currency as v_price_currency from (" + page + ") p"
				+ " left join product_variants v on v.product_id = p.id" + " order by " + orderBy(query.sort())
				+ ", v.position";
		params.put("limit", query.limit() + 1);
		Rows rows = new Rows();
		params.bind(this.jdbc.sql(sql)).query(rows);
		return CursorPage.of(rows.ranked(), query.limit(), last -> cursor(query.sort(), last)).map(Ranked::product);
	}

	/** The sort and keyset condition; fragments only, values are parameters. */
	private static String orderBy(ProductSort sort) {
		return switch (sort) {
			case RELEVANCE -> "p.rank desc, p.id desc";
			case NEWEST -> "p.id desc";
			case PRICE_ASC -> "p.min_price, p.id";
			case PRICE_DESC -> "p.min_price desc, p.id desc";
			case NAME -> "lower(p.name), p.id";
		};
	}

	private static String keyset(ProductQuery query, StatementParams params) {
		if (query.cursor() == null || query.cursor().isBlank()) {
			// "?cursor=" is the first page, as Cursors.decode reads it (an empty part
			// list).
			return "";
		}
		if (query.sort() == ProductSort.NEWEST) {
			List<String> parts = Cursors.decode(query.cursor(), 1);
			params.put("afterId", uuid(parts.get(0)));
			return "p.id < :afterId";
		}
		List<String> parts = Cursors.decode(query.cursor(), 2);
		params.put("afterId", uuid(parts.get(1)));
		try {
			return switch (query.sort()) {
				case RELEVANCE -> params.put("after", Float.parseFloat(parts.get(0)))
					.sql("(p.rank, p.id) < (cast(:after as real), :afterId)");
				case PRICE_ASC ->
					params.put("after", Long.parseLong(parts.get(0))).sql("(p.min_price, p.id) > (:after, :afterId)");
				case PRICE_DESC ->
					params.put("after", Long.parseLong(parts.get(0))).sql("(p.min_price, p.id) < (:after, :afterId)");
				case NAME -> params.put("after", parts.get(0)).sql("(lower(p.name), p.id) > (:after, :afterId)");
				case NEWEST -> throw new IllegalStateException();
			};
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("cursor", "is not a valid cursor");
		}
	}

	private static String cursor(ProductSort sort, Ranked last) {
		Product product = last.product();
		return switch (sort) {
			case RELEVANCE -> Cursors.encode(Float.toString(last.rank()), product.id());
			case NEWEST -> Cursors.encode(product.id());
			case PRICE_ASC, PRICE_DESC -> Cursors.encode(product.minPrice(), product.id());
			case NAME -> Cursors.encode(product.name().toLowerCase(Locale.ROOT), product.id());
		};
	}

	private static UUID uuid(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("cursor", "is not a valid cursor");
		}
	}

	/**
	 * {@code word1:* & word2:*} from the letters and digits of the text, or {@code null}
	 * when there is no text. Only word characters reach {@code to_tsquery}, so its syntax
	 * cannot be injected.
	 */
	static String prefixQuery(String q) {
		if (q == null) {
			return null;
		}
		List<String> words = new ArrayList<>();
		var matcher = WORD.matcher(q.toLowerCase(Locale.ROOT));
		while (matcher.find() && words.size() < 8) {
			words.add(matcher.group() + ":*");
		}
		return words.isEmpty() ? null : String.join(" & ", words);
	}

	private record Ranked(Product product, float rank) {
	}

	/**
	 * Folds the joined rows (one per variant, or one for a product without variants) back
	 * into products with their variants, in the order the rows come.
	 */
	private static final class Rows implements RowCallbackHandler {

		private final Map<UUID, Ranked> products = new LinkedHashMap<>();

		private final Map<UUID, List<Variant>> variants = new HashMap<>();

		@Override
		public void processRow(ResultSet rs) throws SQLException {
			UUID id = rs.getObject("id", UUID.class);
			Ranked ranked = this.products.get(id);
			if (ranked == null) {
				ranked = new Ranked(Products.MAPPER.mapRow(rs, 0), rs.getFloat("rank"));
				this.products.put(id, ranked);
				this.variants.put(id, new ArrayList<>());
			}
			String sku = rs.getString("v_sku");
			if (sku == null) {
				return;
			}
			this.variants.get(id)
				.add(new Variant(sku, id, ranked.product().name(), rs.getString("v_size"),
						new Money(rs.getLong("v_price_amount"), rs.getString("v_price_currency"))));
		}

		List<Ranked> ranked() {
			return this.products.values()
				.stream()
				.map(r -> new Ranked(r.product().withVariants(List.copyOf(this.variants.get(r.product().id()))),
						r.rank()))
				.toList();
		}

	}

}
