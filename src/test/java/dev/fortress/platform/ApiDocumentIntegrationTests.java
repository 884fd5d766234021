package dev.fortress.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.support.Http;
import dev.fortress.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docs/api.md} and the served OpenAPI document list the same operations. The
 * document names each operation in a heading of the form {@code ### `GET
 * /api/v1/x/{id}`}, with the path template exactly as OpenAPI spells it, so the two can
 * be compared without guessing; a failure lists every operation that is missing from
 * either side.
 */
class ApiDocumentIntegrationTests extends IntegrationTest {

	private static final Path DOCUMENT = Path.of("docs", "api.md");

	/** An operation heading: the method and path in one code span, then any words. */
	private static final Pattern HEADING = Pattern.compile("^###\\s+`(GET|PUT|POST|PATCH|DELETE) (/\\S*)`.*$",
			Pattern.MULTILINE);

	/**
	 * Test-only endpoints (test sources) that fail on purpose; no client ever sees them.
	 */
	private static final String TEST_ONLY_PREFIX = "/api/v1/test-failures/";

	@Test
	void docsApiMdNamesEveryOperationOfTheOpenApiDocumentAndNoOther() throws IOException {
		Set<String> served = servedOperations();
		List<String> documented = documentedOperations(Files.readString(DOCUMENT));
		assertThat(served).as("operations in /v3/api-docs").hasSizeGreaterThan(40);

		Set<String> missing = new TreeSet<>(served);
		missing.removeAll(documented);
		Set<String> extra = new TreeSet<>(documented);
		extra.removeAll(served);
		Set<String> twice = duplicates(documented);
		if (!missing.isEmpty() || !extra.isEmpty() || !twice.isEmpty()) {
			fail(report(missing, extra, twice));
		}
	}

	@Test
	void theHeadingConventionIsReadExactly() {
		String text = """
				### `GET /api/v1/tasks/{id}`
				### `POST /api/v1/orders` (idempotent)
				## `DELETE /api/v1/not-an-operation-heading`
				### GET /api/v1/no-code-span
				text mentioning `PUT /api/v1/cart/items/{sku}` is no heading
				""";
		assertThat(documentedOperations(text)).containsExactly("GET /api/v1/tasks/{id}", "POST /api/v1/orders");
	}

	private Set<String> servedOperations() {
		Http.Response docs = this.http.get("/v3/api-docs").send();
		assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
		Set<String> operations = new TreeSet<>();
		for (OpenApiOperations.Operation operation : new OpenApiOperations(
				JsonMapper.builder().build().readTree(docs.body()))
			.operations()) {
			if (!operation.path().startsWith(TEST_ONLY_PREFIX)) {
				operations.add(operation.toString());
			}
		}
		return operations;
	}

	static List<String> documentedOperations(String markdown) {
		List<String> operations = new ArrayList<>();
		Matcher heading = HEADING.matcher(markdown);
		while (heading.find()) {
			operations.add(heading.group(1) + " " + heading.group(2));
		}
		return operations;
	}

	private static Set<String> duplicates(List<String> operations) {
		Set<String> seen = new TreeSet<>();
		Set<String> twice = new TreeSet<>();
		for (String operation : operations) {
			if (!seen.add(operation)) {
				twice.add(operation);
			}
		}
		return twice;
	}

	private static String report(Set<String> missing, Set<String> extra, Set<String> twice) {
		StringBuilder report = new StringBuilder(DOCUMENT + " is out of step with /v3/api-docs.");
		section(report, "In OpenAPI but not in " + DOCUMENT + " (add a '### `METHOD /path`' section)", missing);
		section(report, "In " + DOCUMENT + " but not in OpenAPI (remove it, or fix the method or path)", extra);
		section(report, "Documented more than once in " + DOCUMENT, twice);
		return report.toString();
	}

	private static void section(StringBuilder report, String title, Set<String> operations) {
		if (operations.isEmpty()) {
			return;
		}
		report.append("\n").append(title).append(":");
		operations.forEach(operation -> report.append("\n  ").append(operation));
	}

}
