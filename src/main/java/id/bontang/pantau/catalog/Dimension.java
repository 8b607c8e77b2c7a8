package id.bontang.pantau.catalog;

import java.util.Locale;

/** The smart-city dimensions the wall groups its tiles by, in the masterplan's order. */
public enum Dimension {
    GOVERNANCE, ECONOMY, MOBILITY, ENVIRONMENT, PEOPLE, LIVING, BRANDING;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
