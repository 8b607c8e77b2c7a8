package id.bontang.pantau.api;

/**
 * What a field of a request body takes, in words, for the 400 that answers a value of the wrong type ({@link
 * ProblemMappers}): a CDI bean of a feature says it where the type alone says too little (a range that comes from
 * the configuration, say). Without one, the field's type speaks ("a whole number", "a text").
 */
public interface FieldHints {

    /** What {@code field} of {@code body} takes, e.g. "a whole number of minutes (1 to 480)"; null when this bean does not know. */
    String expected(Class<?> body, String field);
}
