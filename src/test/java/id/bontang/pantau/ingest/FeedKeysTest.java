package id.bontang.pantau.ingest;

import id.bontang.pantau.catalog.LiveCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.catalog.CatalogProducer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A feed key is the feed's only credential: a short one stops the server, named by its feed. */
class FeedKeysTest {

    private static final Catalog CATALOG = CatalogProducer.builtIn();

    /** Verifies that a key under 16 characters is refused with the feed's name and without the key. */
    @Test
    void verifiesThatAShortKeyIsRefusedNamingTheFeedNotTheKey() {
        assertThatThrownBy(() -> new FeedKeys(Optional.of("umkm=umkm-key-0123456789,call112=s3cret-112"), LiveCatalog.of(CATALOG)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feed 'call112'")
                .hasMessageContaining("16 characters").hasMessageNotContaining("s3cret-112");
    }

    /** Verifies that keys of 16 characters, and keys given as digests, are taken. */
    @Test
    void verifiesThatLongKeysAndDigestsAreTaken() {
        FeedKeys keys = new FeedKeys(Optional.of("umkm=0123456789abcdef,call112=sha256:" + "0".repeat(64)), LiveCatalog.of(CATALOG));
        assertThat(keys.matches("umkm", "0123456789abcdef")).isTrue();
        assertThat(keys.hasKey("call112")).isTrue();
    }

    /** Verifies that a key for a feed the running catalog lacks (added later, removed since) does not stop the server. */
    @Test
    void verifiesThatAKeyForAFeedNotInTheCatalogIsKeptForWhenItIs() {
        FeedKeys keys = new FeedKeys(Optional.of("later-feed=0123456789abcdef"), LiveCatalog.of(CATALOG));
        assertThat(keys.matches("later-feed", "0123456789abcdef")).isTrue();
    }
}
