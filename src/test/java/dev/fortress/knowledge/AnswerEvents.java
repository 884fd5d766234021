package dev.fortress.knowledge;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.support.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** The events of one {@code POST /api/v1/ask} response, parsed from its body. */
record AnswerEvents(List<String> deltas, JsonNode done, List<JsonNode> errors) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static AnswerEvents of(Http.Response response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("text/event-stream");
		List<String> deltas = new ArrayList<>();
		List<JsonNode> errors = new ArrayList<>();
		JsonNode done = null;
		for (String frame : response.body().split("\n\n")) {
			String event = null;
			StringBuilder data = new StringBuilder();
			for (String line : frame.split("\n")) {
				if (line.startsWith("event:")) {
					event = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					data.append(line.substring(5));
				}
			}
			if (event == null) {
				continue;
			}
			JsonNode node = JSON.readTree(data.toString());
			switch (event) {
				case "delta" -> deltas.add(node.path("text").asString());
				case "done" -> {
					assertThat(done).as("one done event").isNull();
					done = node;
				}
				case "error" -> errors.add(node);
				default -> throw new AssertionError("unexpected event " + event);
			}
		}
		assertThat(done).as("a done event in " + response.body()).isNotNull();
		return new AnswerEvents(deltas, done, errors);
	}

	String answer() {
		return this.done.path("answer").asString();
	}

	boolean generated() {
		return this.done.path("generated").asBoolean();
	}

	List<String> citedIds() {
		List<String> ids = new ArrayList<>();
		this.done.path("citations").forEach(c -> ids.add(c.path("id").asString()));
		return ids;
	}

	List<Integer> citedNumbers() {
		List<Integer> numbers = new ArrayList<>();
		this.done.path("citations").forEach(c -> numbers.add(c.path("n").asInt()));
		return numbers;
	}

}
