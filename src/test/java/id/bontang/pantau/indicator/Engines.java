package id.bontang.pantau.indicator;

import id.bontang.pantau.catalog.LiveCatalog;
import id.bontang.pantau.catalog.Catalog;
import id.bontang.pantau.store.Store;
import java.util.Optional;

/** For engines under test: no database. */
final class Engines {

    private Engines() {
    }

    static Store none(Catalog catalog) {
        return new Store(Optional.empty(), null, LiveCatalog.of(catalog));
    }
}
