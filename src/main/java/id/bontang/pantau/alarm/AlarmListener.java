package id.bontang.pantau.alarm;

import java.util.List;
import java.util.Map;

/** Hears alarms change (closed ones too) with the summary the walls show; an empty list when only the summary did. */
@FunctionalInterface
public interface AlarmListener {

    void changed(List<Alarm> alarms, Map<String, Object> summary);
}
