package id.bontang.pantau.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A redelivery after a reconnection is recognised by its packet id and bytes, and waits for the original's commit. */
class DeliveriesTest {

    @Test
    void verifiesThatARedeliveryOfAMessageTakenIsTheSameAndWaitsForItsCommit() {
        Deliveries d = new Deliveries(8);
        CompletableFuture<String> commit = new CompletableFuture<>();
        d.taken(17, 4242, commit);
        CompletableFuture<Void> same = d.same(17, 4242);
        assertThat(same).isNotNull().isNotDone();
        commit.complete("stored");
        assertThat(same).isDone();
        assertThat(d.same(17, 99)).as("other bytes under the packet id: another message").isNull();
        assertThat(d.same(18, 4242)).as("the same bytes under another packet id: another message").isNull();
    }

    @Test
    void verifiesThatAPacketIdReusedByTheBrokerReplacesTheOldEntryAndThatTheMemoryIsBounded() {
        Deliveries d = new Deliveries(8);
        d.taken(1, 10, CompletableFuture.completedFuture(null));
        d.taken(1, 11, CompletableFuture.completedFuture(null)); // the broker had our acknowledgement of the first
        assertThat(d.same(1, 10)).isNull();
        assertThat(d.same(1, 11)).isNotNull();
        for (int id = 2; id <= 20; id++) {
            d.taken(id, id * 10L, CompletableFuture.completedFuture(null));
        }
        assertThat(d.same(1, 11)).as("the oldest are forgotten past the capacity").isNull();
        assertThat(d.same(20, 200)).isNotNull();
    }
}
