package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A session takes a message only against the pipeline's demand, and stops waiting once its client or the subscription is gone. */
class CreditTest {

    @Test
    void verifiesThatEachGrantLetsOneMessageThroughAndThatAWaitEndsWhenTheClientIsGone() {
        Credit credit = new Credit(() -> false);
        credit.grant(2);
        assertThat(credit.take(() -> true)).isTrue();
        assertThat(credit.take(() -> true)).isTrue();
        assertThat(credit.take(() -> false)).as("no demand and the client gone: not taken").isFalse();
    }

    @Test
    void verifiesThatAGrantWakesAWaitingSession() {
        Credit credit = new Credit(() -> false);
        CompletableFuture<Boolean> taken = CompletableFuture.supplyAsync(() -> credit.take(() -> true));
        credit.grant(1);
        await().atMost(Duration.ofSeconds(5)).until(taken::isDone);
        assertThat(taken.join()).isTrue();
    }

    @Test
    void verifiesThatAWaitEndsWhenTheSubscriptionStops() {
        AtomicBoolean stopped = new AtomicBoolean();
        Credit credit = new Credit(stopped::get);
        CompletableFuture<Boolean> taken = CompletableFuture.supplyAsync(() -> credit.take(() -> true));
        stopped.set(true);
        await().atMost(Duration.ofSeconds(5)).until(taken::isDone);
        assertThat(taken.join()).isFalse();
    }

    @Test
    void verifiesThatAnUnboundedRequestNeedsNoPermits() {
        Credit credit = new Credit(() -> false);
        credit.grant(0);
        assertThat(credit.take(() -> false)).as("a request of none grants nothing").isFalse();
        credit.grant(Long.MAX_VALUE);
        for (int i = 0; i < 10; i++) {
            assertThat(credit.take(() -> false)).isTrue();
        }
    }
}
