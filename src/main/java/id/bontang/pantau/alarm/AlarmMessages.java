package id.bontang.pantau.alarm;

import id.bontang.pantau.catalog.AlarmRule;
import id.bontang.pantau.catalog.Title;
import id.bontang.pantau.indicator.TileState;

/** A rule's bilingual message, with the subject's name, area, value, unit, level and tile filled in. */
final class AlarmMessages {

    private AlarmMessages() {
    }

    /** @param t the subject's tile as last seen, or null (source rules, or no tile yet) */
    static Title of(Watch w, TileState t, String area, int severity) {
        AlarmRule.Level level = w.levelOf(severity);
        String value = w.value() == null ? "" : format(w.value());
        String unit = t == null || t.unit() == null ? "" : t.unit();
        Title m = w.rule.message().fill("{name}", w.subject.name()).fill("{area}", area).fill("{value}", value)
                .fill("{unit}", unit);
        Title tile = t == null ? new Title(w.subject.id(), w.subject.id()) : t.title();
        Title label = level != null ? level.label() : t != null ? statusLabel(t.status().code()) : new Title("", "");
        return new Title(m.id().replace("{level}", label.id()).replace("{tile}", tile.id()),
                m.en().replace("{level}", label.en()).replace("{tile}", tile.en()));
    }

    private static Title statusLabel(String status) {
        return switch (status) {
            case "critical" -> new Title("kritis", "critical");
            case "warning" -> new Title("peringatan", "warning");
            default -> new Title(status, status);
        };
    }

    /** 245 rather than 245.0; decimals as the tile rounded them. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
