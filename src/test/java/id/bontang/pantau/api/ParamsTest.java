package id.bontang.pantau.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one reader of whole-number and time parameters: bounds, the sane range and the retention horizon. */
class ParamsTest {

    @SuppressWarnings("unused")
    void route(@QueryParam("from") @Kept({ "pantau.test.kept-short", "pantau.test.kept-long" }) Instant from,
            @QueryParam("to") @Kept({ "pantau.test.kept-long", "pantau.test.kept-forever" }) Instant to,
            @QueryParam("limit") @Bounds(min = 1, max = 1000) int limit) {
    }

    @BeforeEach
    void settings() {
        System.setProperty("pantau.test.kept-short", "P30D");
        System.setProperty("pantau.test.kept-long", "P60D");
    }

    @AfterEach
    void clear() {
        System.clearProperty("pantau.test.kept-short");
        System.clearProperty("pantau.test.kept-long");
    }

    @SuppressWarnings("unchecked")
    private static <T> ParamConverter<T> converter(int index) throws NoSuchMethodException {
        Parameter p = ParamsTest.class.getDeclaredMethod("route", Instant.class, Instant.class, int.class).getParameters()[index];
        return (ParamConverter<T>) new Params().getConverter(p.getType(), p.getParameterizedType(), p.getAnnotations());
    }

    /** Verifies that a time is kept to the longest of its retention settings, and that one kept for ever has no horizon. */
    @Test
    void verifiesTheRetentionHorizon() throws Exception {
        ParamConverter<Instant> from = converter(0);
        Instant fiftyDaysAgo = Instant.now().minus(Duration.ofDays(50));
        assertThat(from.fromString(fiftyDaysAgo.toString())).isEqualTo(fiftyDaysAgo);
        BadParameter e = catchThrowableOfType(BadParameter.class,
                () -> from.fromString(Instant.now().minus(Duration.ofDays(70)).toString()));
        assertThat(e.field()).isEqualTo("from");
        assertThat(e.getMessage()).contains("at most 60 days ago");
        ParamConverter<Instant> to = converter(1);
        assertThat(to.fromString("2001-01-01T00:00:00Z")).as("pantau.test.kept-forever is unset: kept for ever")
                .isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));
    }

    /** Verifies the sane range and the forms taken: ISO-8601 with an offset, or epoch milliseconds. */
    @Test
    void verifiesTheSaneRangeAndTheForms() throws Exception {
        ParamConverter<Instant> to = converter(1);
        assertThat(to.fromString("1764547200000")).isEqualTo(Instant.ofEpochMilli(1764547200000L));
        for (String bad : new String[] { "+300000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1999-12-31T00:00:00Z",
                "99999999999999999999", "yesterday", Instant.now().plus(Duration.ofDays(2)).toString() }) {
            assertThat(catchThrowableOfType(BadParameter.class, () -> to.fromString(bad))).as(bad).isNotNull()
                    .extracting(BadParameter::field).isEqualTo("to");
        }
    }

    /** Verifies that a whole number outside its bounds, or not one, is a bad parameter naming it. */
    @Test
    void verifiesBounds() throws Exception {
        ParamConverter<Integer> limit = converter(2);
        assertThat(limit.fromString("1000")).isEqualTo(1000);
        for (String bad : new String[] { "0", "1001", "abc", "1e3", "99999999999999999999" }) {
            BadParameter e = catchThrowableOfType(BadParameter.class, () -> limit.fromString(bad));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getMessage()).contains("limit is a whole number from 1 to 1000");
        }
    }
}
