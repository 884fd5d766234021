package dev.fortress.orders.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fortress.platform.web.ApiException;
import dev.fortress.platform.web.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The door of checkout, on real threads: the excess waits its turn within the bound and
 * is refused before its checkout runs at all once the bound is passed.
 */
class CheckoutAdmissionTests {

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void aBuyerWhoCannotGetInInTimeIsTold503WithRetryAfterAndItsCheckoutNeverRuns() throws Exception {
		CheckoutAdmission door = admission(1, Duration.ofMillis(100));
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch leave = new CountDownLatch(1);
		Future<String> first = this.threads.submit(() -> door.admit(() -> {
			inside.countDown();
			await(leave);
			return "first";
		}));
		assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
		AtomicInteger ran = new AtomicInteger();
		ApiException refused = catchThrowableOfType(ApiException.class, () -> door.admit(ran::incrementAndGet));
		assertThat(refused.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(ran).hasValue(0);
		leave.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
		assertThat(door.admit(() -> "next")).isEqualTo("next");
	}

	@Test
	void aBuyerWhosePlaceFreesWithinTheWaitIsServed() throws Exception {
		CheckoutAdmission door = admission(1, Duration.ofSeconds(5));
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch leave = new CountDownLatch(1);
		this.threads.submit(() -> door.admit(() -> {
			inside.countDown();
			await(leave);
			return null;
		}));
		assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
		Future<String> waiting = this.threads.submit(() -> door.admit(() -> "served"));
		Thread.sleep(200);
		assertThat(waiting).isNotDone();
		leave.countDown();
		assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo("served");
	}

	@Test
	void aFailedCheckoutGivesItsPlaceBack() {
		CheckoutAdmission door = admission(1, Duration.ZERO);
		catchThrowableOfType(IllegalStateException.class, () -> door.admit(() -> {
			throw new IllegalStateException("boom");
		}));
		assertThat(door.admit(() -> "again")).isEqualTo("again");
	}

	private static CheckoutAdmission admission(int places, Duration maxWait) {
		return new CheckoutAdmission(BulkheadRegistry.ofDefaults(), new OrdersProperties(null, null, null,
				new OrdersProperties.Admission(places, maxWait, Duration.ofSeconds(1))));
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
