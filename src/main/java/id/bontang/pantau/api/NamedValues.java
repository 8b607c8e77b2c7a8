package id.bontang.pantau.api;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Settings written {@code name=value,name2=value2} (secrets, URLs by name): names in lower case. */
public final class NamedValues {

    private NamedValues() {
    }

    /** @throws IllegalArgumentException naming the setting and the entry that is not name=value */
    public static Map<String, String> parse(String text, String setting) {
        Map<String, String> map = new HashMap<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i].trim();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException(setting + ": entry " + (i + 1) + " is not name=value");
            }
            map.put(e.substring(0, eq).trim().toLowerCase(Locale.ROOT), e.substring(eq + 1).trim());
        }
        return Map.copyOf(map);
    }
}
