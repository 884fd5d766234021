package dev.fortress.platform.graphql;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/**
 * The schema's own scalars, written as the REST API writes these values: {@code Long} (a
 * 64-bit integer, for versions and money in minor units, which outgrow GraphQL's 32-bit
 * {@code Int}), {@code DateTime} (an ISO-8601 instant in UTC) and {@code Date} (an
 * ISO-8601 calendar date). Input that does not parse is a validation error of the query,
 * before any field runs.
 */
@Component
class Scalars implements RuntimeWiringConfigurer {

	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		wiring.scalar(scalar("Long", "A 64-bit integer", new LongCoercing()));
		wiring.scalar(scalar("DateTime", "An instant as ISO-8601 text in UTC, e.g. 2026-05-01T12:00:00Z",
				new TextCoercing<>(Instant.class, Instant::parse)));
		wiring.scalar(scalar("Date", "A calendar date as ISO-8601 text, e.g. 2026-05-01",
				new TextCoercing<>(LocalDate.class, Scalars::date)));
	}

	private static GraphQLScalarType scalar(String name, String description, Coercing<?, ?> coercing) {
		return GraphQLScalarType.newScalar().name(name).description(description).coercing(coercing).build();
	}

	private static LocalDate date(String text) {
		LocalDate date = LocalDate.parse(text);
		if (date.getYear() < 1 || date.getYear() > 9999) {
			throw new DateTimeException("out of range");
		}
		return date;
	}

	/** A value written as text and parsed back from text. */
	private static final class TextCoercing<T> implements Coercing<T, String> {

		private final Class<T> type;

		private final Function<String, T> parser;

		TextCoercing(Class<T> type, Function<String, T> parser) {
			this.type = type;
			this.parser = parser;
		}

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (this.type.isInstance(value)) {
				return value.toString();
			}
			throw new CoercingSerializeException("Not a " + this.type.getSimpleName());
		}

		@Override
		public T parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				try {
					return this.parser.apply(text);
				}
				catch (DateTimeException ex) {
					// the message of a parse failure names the text only
				}
			}
			throw new CoercingParseValueException("Expected ISO-8601 text for " + this.type.getSimpleName());
		}

		@Override
		public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof StringValue text) {
				try {
					return this.parser.apply(text.getValue());
				}
				catch (DateTimeException ex) {
					// fall through to the client error
				}
			}
			throw new CoercingParseLiteralException("Expected ISO-8601 text for " + this.type.getSimpleName());
		}

	}

	/** Integers of up to 64 bits, as JSON numbers. */
	private static final class LongCoercing implements Coercing<Long, Long> {

		@Override
		public Long serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Long || value instanceof Integer) {
				return ((Number) value).longValue();
			}
			throw new CoercingSerializeException("Not a Long");
		}

		@Override
		public Long parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof Long || input instanceof Integer) {
				return ((Number) input).longValue();
			}
			if (input instanceof BigInteger big && big.bitLength() < 64) {
				return big.longValue();
			}
			throw new CoercingParseValueException("Expected an integer of at most 64 bits");
		}

		@Override
		public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof IntValue value && value.getValue().bitLength() < 64) {
				return value.getValue().longValue();
			}
			throw new CoercingParseLiteralException("Expected an integer of at most 64 bits");
		}

	}

}
