package dev.fortress.knowledge.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The cost meter: {@code fortress.llm.tokens{direction=in|out,purpose}},
 * {@code fortress.llm.calls{outcome,purpose}} and {@code fortress.llm.cost{purpose}}, the
 * estimated spend in the configured prices' currency. The estimate uses the prices as
 * configured now; the ledger keeps tokens, so a price change never rewrites history.
 */
@Component
public class LlmMeter {

	private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

	private final MeterRegistry meters;

	private final LlmProperties properties;

	LlmMeter(MeterRegistry meters, LlmProperties properties) {
		this.meters = meters;
		this.properties = properties;
	}

	/** The estimated cost of so many tokens at the configured prices. */
	public BigDecimal cost(long tokensIn, long tokensOut) {
		return this.properties.priceInPer1k()
			.multiply(BigDecimal.valueOf(tokensIn))
			.add(this.properties.priceOutPer1k().multiply(BigDecimal.valueOf(tokensOut)))
			.divide(THOUSAND, 6, RoundingMode.HALF_UP);
	}

	void tokens(String purpose, long tokensIn, long tokensOut) {
		counter("fortress.llm.tokens", "Tokens sent to and received from the language model", "direction", "in",
				purpose)
			.increment(tokensIn);
		counter("fortress.llm.tokens", "Tokens sent to and received from the language model", "direction", "out",
				purpose)
			.increment(tokensOut);
		Counter.builder("fortress.llm.cost")
			.description("Estimated language model spend at the configured prices per 1k tokens")
			.tag("purpose", purpose)
			.register(this.meters)
			.increment(cost(tokensIn, tokensOut).doubleValue());
	}

	/**
	 * @param outcome {@code ok}, {@code failed}, {@code open} (breaker), {@code quota},
	 * {@code off} (no model)
	 */
	void call(String purpose, String outcome) {
		counter("fortress.llm.calls", "Language model calls by outcome", "outcome", outcome, purpose).increment();
	}

	private Counter counter(String name, String description, String tag, String value, String purpose) {
		return Counter.builder(name)
			.description(description)
			.tag(tag, value)
			.tag("purpose", purpose)
			.register(this.meters);
	}

}
