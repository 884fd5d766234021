package dev.fortress.realtime.web;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DropStreamsTests {

	private final DropStreams streams = new DropStreams(
			new DropStreamProperties(3, 2, Duration.ofMinutes(1), Duration.ofMinutes(1)), JsonMapper.builder().build(),
			new SimpleMeterRegistry());

	@Test
	void aClientBeyondItsShareIsRateLimitedAndAFullInstanceIsUnavailable() {
		this.streams.admit("10.0.0.1");
		this.streams.admit("10.0.0.1");
		assertThatThrownBy(() -> this.streams.admit("10.0.0.1")).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.type()).isEqualTo(ProblemType.RATE_LIMITED));
		this.streams.admit("10.0.0.2");
		assertThatThrownBy(() -> this.streams.admit("10.0.0.3")).isInstanceOfSatisfying(ApiException.class,
				(ex) -> assertThat(ex.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE));
	}

	@Test
	void aPlaceGivenBackCanBeTakenAgain() {
		this.streams.admit("10.0.0.1");
		this.streams.admit("10.0.0.1");
		this.streams.leave("10.0.0.1");
		assertThatCode(() -> this.streams.admit("10.0.0.1")).doesNotThrowAnyException();
		this.streams.stop();
	}

}
