package dev.fortress.orders.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BatchWriterTests {

	private final InventoryProperties properties = new InventoryProperties("batched", 1, Duration.ZERO, 10,
			Duration.ofSeconds(1));

	@Test
	void aBatchThatDiesOfAnErrorAnswersItsCallersAndTheWriterLeavesTheMap() throws Exception {
		AtomicBoolean retired = new AtomicBoolean();
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		BatchWriter writer = new BatchWriter("sku:x", (key, batch) -> {
			running.countDown();
			awaitQuietly(release);
			throw new StackOverflowError("simulated");
		}, this.properties, (key, w) -> retired.set(true));
		BatchWriter.Request taken = new BatchWriter.Request(null);
		assertThat(writer.offer(taken)).isEqualTo(BatchWriter.Offer.ACCEPTED);
		assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
		BatchWriter.Request queued = new BatchWriter.Request(null);
		assertThat(writer.offer(queued)).isEqualTo(BatchWriter.Offer.ACCEPTED);
		release.countDown();

		// Taken requests wait without a timeout: they must be answered, not left hanging.
		assertThat(taken.done()).failsWithin(Duration.ofSeconds(5));
		assertThat(queued.done()).succeedsWithin(Duration.ofSeconds(5))
			.isEqualTo(
					new Reservation.Overloaded(Reservation.Overloaded.Backlog.WRITER_STOPPED, Duration.ofSeconds(1)));
		await().atMost(Duration.ofSeconds(5)).untilTrue(retired);
		assertThat(writer.offer(new BatchWriter.Request(null))).isEqualTo(BatchWriter.Offer.RETIRED);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
