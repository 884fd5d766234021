package dev.fortress.realtime.web;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PacedFanOutTests {

	private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();

	@AfterEach
	void stop() {
		this.thread.shutdownNow();
	}

	@Test
	void aSlowFanOutIsSpacedOutAndTheNewestValueAlwaysGoesOutLast() throws Exception {
		List<Integer> sent = new CopyOnWriteArrayList<>();
		PacedFanOut<String, Integer> fanOut = new PacedFanOut<>(this.thread, 4, (key, value) -> {
			sent.add(value);
			sleep(20);
		});
		long started = System.nanoTime();
		for (int value = 1; value <= 100; value++) {
			fanOut.submit("drop", value);
			sleep(2);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> sent.contains(100));
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		// each 20 ms fan-out is followed by 60 ms without one: at most one per 80 ms
		assertThat(sent).hasSizeLessThanOrEqualTo((int) (elapsedMillis / 80) + 2).isSorted().endsWith(100);
		Thread.sleep(200);
		assertThat(sent).endsWith(100).doesNotHaveDuplicates();
	}

	@Test
	void aQuickFanOutIsNotHeldBack() {
		List<Integer> sent = new CopyOnWriteArrayList<>();
		PacedFanOut<String, Integer> fanOut = new PacedFanOut<>(this.thread, 4, (key, value) -> sent.add(value));
		fanOut.submit("a", 1);
		fanOut.submit("b", 2);
		await().atMost(Duration.ofSeconds(1)).until(() -> sent.size() == 2);
		fanOut.submit("a", 3);
		await().atMost(Duration.ofSeconds(1)).until(() -> sent.contains(3));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
