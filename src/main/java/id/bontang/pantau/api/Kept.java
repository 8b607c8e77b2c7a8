package id.bontang.pantau.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A time parameter that reads stored data, which is kept for as long as the longest of these retention settings
 * (configuration names, e.g. {@code pantau.store.retention.hourly}); an earlier time is answered 400 ({@link Params}).
 * A setting that is unset keeps its data for ever, and then only the sane range of {@link Params} applies.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.FIELD })
public @interface Kept {

    String[] value();
}
