package id.bontang.pantau.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The values a whole-number parameter may take, inclusive; outside them the request is answered 400 ({@link Params}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.PARAMETER, ElementType.FIELD })
public @interface Bounds {

    long min();

    long max();
}
