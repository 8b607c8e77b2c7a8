package id.bontang.pantau.simulator;

import id.bontang.pantau.catalog.MetricSpec;
import id.bontang.pantau.catalog.Source;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A believable Bontang, as pure functions of (seed, source, time): the same seed and time always give the
 * same values, so a replay (or the start-up backfill) publishes identical readings. Times are in WITA.
 * <ul>
 * <li>traffic: morning and afternoon rush hours, quieter weekends; speed drops as volume rises;</li>
 * <li>air: PM2.5 from a background, the industrial kelurahan (Loktuan, Guntung: Pupuk Kaltim, Badak LNG)
 * and traffic, with slow weather-like swings; ozone with the sun;</li>
 * <li>tide: semi-diurnal M2 (12.42 h) plus S2 (12 h), so spring tides every ~15 days reach Waspada or Siaga;</li>
 * <li>rain: showers, more often in the afternoon, that lift the river gauges for hours;</li>
 * <li>street lights: energy at night; CCTV: occasional outages; the agency feeds: their daily rhythms.</li>
 * </ul>
 */
final class BontangModel {

    private static final long HOUR = 3_600_000L;
    private static final double M2 = 12.42 * HOUR;
    private static final double S2 = 12.0 * HOUR;
    private static final Map<String, Double> INDUSTRY = Map.of("loktuan", 1.0, "guntung", 0.9, "bontang-lestari", 0.5,
            "tanjung-laut", 0.3, "api-api", 0.2, "bontang-kuala", 0.1);
    private static final Map<String, Double> ROADS = Map.of("trf-ahmad-yani", 1.0, "trf-mt-haryono", 0.8,
            "trf-soekarno-hatta", 0.9, "trf-bhayangkara", 0.6);
    private static final Map<String, Double> RIVER_BASE = Map.of("awlr-sungai-km5", 90.0, "awlr-api-api", 55.0,
            "awlr-telihan", 70.0);

    private final long seed;
    private final ZoneId zone;

    BontangModel(long seed, ZoneId zone) {
        this.seed = seed;
        this.zone = zone;
    }

    /** The values a source reports for the interval that ends at {@code t} and lasts {@code interval} ms. */
    Map<String, Double> values(Source s, long t, long interval) {
        Map<String, Double> v = new LinkedHashMap<>();
        String id = s.id();
        switch (s.isFeed() ? id : s.kind()) {
            case "aqms" -> air(s, t, v);
            case "awlr" -> v.put("level_cm", round(RIVER_BASE.getOrDefault(id, 60.0) + 3.5 * wetness(t)
                    + 2 * gauss(id, t / 60_000), 0));
            case "tide" -> v.put("level_cm", round(tide(id, t), 0));
            case "wx" -> weather(t, interval, v);
            case "trf" -> traffic(id, t, interval, v);
            case "pju" -> streetLights(id, t, interval, v);
            case "cctv" -> {
            }
            case "rsud-queue" -> {
                double w = 8 + 110 * bump(hour(t), 7.5, 14.5, 1.2) * weekday(t, 0.4) + 15 * smooth(id, t, 2 * HOUR);
                v.put("waiting", Math.floor(w));
                v.put("eticket_obat_waiting", Math.floor(0.35 * w + 3 * smooth(id + "e", t, HOUR)));
                v.put("median_wait_min", round(15 + 0.4 * w + 5 * smooth(id + "m", t, HOUR), 0));
            }
            case "call112" -> {
                double calls = poisson(id, t, 0.25 * interval / 60_000d * (0.4 + bump(hour(t), 17, 23, 1.5)));
                v.put("calls", calls);
                v.put("prank_calls", binomial(id + "p", t, (int) calls, 0.35));
                v.put("dispatch_median_min", round(Math.max(2, 9 + 3 * gauss(id + "d", t / interval)), 0));
            }
            case "lapor" -> {
                long day = Math.floorDiv(t, 24 * HOUR);
                v.put("open", Math.floor(140 + 25 * smooth(id, t, 24 * HOUR) + 6 * unit(id, day)));
                v.put("overdue", Math.floor(6 + 10 * smooth(id + "o", t, 24 * HOUR)));
            }
            case "pdam" -> {
                boolean outage = unit(id + "out", Math.floorDiv(t, 6 * HOUR)) < 0.12
                        && hour(t) % 6 > 1 && hour(t) % 6 < 4;
                v.put("production_lps", round(420 + 45 * bump(hour(t), 5, 21, 2) - (outage ? 160 : 0)
                        + 8 * gauss(id, t / 60_000), 0));
                v.put("outages", outage ? 1.0 + Math.floor(2 * unit(id + "n", Math.floorDiv(t, 6 * HOUR))) : 0.0);
            }
            case "umkm" -> {
                double orders = poisson(id, t, 1.2 * interval / 60_000d * shopHours(t) * weekday(t, 1.3));
                v.put("orders", orders);
                v.put("revenue_idr", 500.0 * Math.round(orders * (35_000 + 40_000 * unit(id + "r", t / interval)) / 500));
            }
            case "perpustakaan-digital" -> v.put("visits", poisson(id, t,
                    2 * interval / 60_000d * (0.15 + bump(hour(t), 8, 22, 1.5))));
            case "pariwisata" -> v.put("visitors", poisson(id, t,
                    1.6 * interval / 60_000d * bump(hour(t), 7, 18, 1) * weekday(t, 2.2)));
            default -> s.metrics().forEach((m, spec) -> v.put(m, generic(id + m, t, spec)));
        }
        v.keySet().retainAll(s.metrics().keySet());
        return v;
    }

    /** Whether a camera is up at {@code t}: about 3 % of camera-hours have an outage of 5–40 minutes. */
    boolean online(String camera, long t) {
        long hour = Math.floorDiv(t, HOUR);
        for (long h = hour - 1; h <= hour; h++) {
            if (unit(camera + "down", h) < 0.03) {
                long start = h * HOUR + (long) (unit(camera + "at", h) * HOUR);
                long end = start + (long) ((5 + 35 * unit(camera + "len", h)) * 60_000);
                if (t >= start && t < end) {
                    return false;
                }
            }
        }
        return true;
    }

    private void air(Source s, long t, Map<String, Double> v) {
        String area = s.area() == null ? "" : s.area();
        double industry = INDUSTRY.getOrDefault(area, 0.3);
        double traffic = trafficLevel(t) * (area.equals("api-api") || area.equals("tanjung-laut") ? 1.0 : 0.6);
        double weather = 0.65 + 0.8 * smooth(s.id() + "w", t, 3 * HOUR); // stagnant air vs. sea breeze
        double haze = unit("haze", Math.floorDiv(t + 8 * HOUR, 24 * HOUR)) < 0.05 ? 2.5 : 1.0; // a smoky day now and then
        double pm25 = (7 + 14 * industry + 12 * traffic) * weather * haze + 1.5 * gauss(s.id(), t / 60_000);
        v.put("pm25", round(Math.max(1, pm25), 1));
        v.put("pm10", round(Math.max(2, pm25 * 1.7 + 4 * gauss(s.id() + "10", t / 60_000)), 1));
        v.put("so2", round(Math.max(1, (8 + 55 * industry) * weather + 3 * gauss(s.id() + "so2", t / 60_000)), 1));
        v.put("co", round(Math.max(100, 450 + 1600 * traffic * weather + 60 * gauss(s.id() + "co", t / 60_000)), 0));
        v.put("o3", round(Math.max(1, 25 + 70 * sun(t) + 5 * gauss(s.id() + "o3", t / 60_000)), 1));
        v.put("no2", round(Math.max(1, (12 + 45 * traffic + 15 * industry) * weather + 2 * gauss(s.id() + "no2", t / 60_000)), 1));
        v.put("hc", round(Math.max(1, (18 + 30 * traffic) * weather + 2 * gauss(s.id() + "hc", t / 60_000)), 1));
        double temp = temperature(t) + 0.4 * gauss(s.id() + "t", t / 60_000);
        v.put("temperature", round(temp, 1));
        v.put("humidity", round(Math.min(99, Math.max(40, 95 - 3.2 * (temp - 24))), 0));
    }

    private void weather(long t, long interval, Map<String, Double> v) {
        double temp = temperature(t) - 1.5 * Math.min(1, rainRate(t) / 10);
        v.put("temperature", round(temp, 1));
        v.put("humidity", round(Math.min(99, 95 - 3.2 * (temp - 24) + 8 * Math.min(1, rainRate(t) / 5)), 0));
        v.put("rain_mm", round(rainRate(t) * interval / HOUR, 1));
        v.put("wind_speed", round(Math.max(0, 1.2 + 3.5 * bump(hour(t), 11, 18, 2) + 0.6 * gauss("wind", t / 60_000)), 1));
    }

    private void traffic(String id, long t, long interval, Map<String, Double> v) {
        double capacity = ROADS.getOrDefault(id, 0.7);
        double level = trafficLevel(t);
        v.put("vehicles", poisson(id, t, 55 * capacity * level * interval / 60_000d));
        v.put("speed_kmh", round(Math.max(6, 55 * (1 - 0.6 * Math.pow(level, 1.5)) + 3 * gauss(id + "s", t / interval)), 0));
    }

    private void streetLights(String id, long t, long interval, Map<String, Double> v) {
        double h = hour(t);
        boolean night = h >= 18.25 || h < 6;
        double lamps = 40 + Math.floor(40 * unit(id + "lamps", 0));
        double faulty = Math.floor(5 * Math.pow(unit(id + "faulty", Math.floorDiv(t + 8 * HOUR, 24 * HOUR)), 3));
        v.put("kwh", night ? round((lamps - faulty) * 0.15 * interval / HOUR, 2) : 0.0);
        v.put("lamps_faulty", faulty);
    }

    /** Traffic volume 0..~1.1: rush hours at 07:15 and 16:45 WITA, a daytime plateau, quieter weekends. */
    private double trafficLevel(long t) {
        double h = hour(t);
        double level = 0.08 + 0.5 * bump(h, 6, 21, 1.5) + 0.55 * gauss(h, 7.25, 0.8) + 0.45 * gauss(h, 16.75, 1.0);
        DayOfWeek d = LocalDate.ofInstant(Instant.ofEpochMilli(t), zone).getDayOfWeek();
        return level * (d == DayOfWeek.SUNDAY ? 0.6 : d == DayOfWeek.SATURDAY ? 0.8 : 1.0);
    }

    private double tide(String gauge, long t) {
        double lag = gauge.hashCode() % 30 * 60_000d; // each gauge a few minutes apart
        double offset = gauge.hashCode() % 7;
        return 150 + offset + 72 * Math.cos(2 * Math.PI * (t - lag) / M2) + 30 * Math.cos(2 * Math.PI * (t - lag) / S2 + 0.8)
                + 3 * gauss(gauge, t / 60_000);
    }

    /** Rain rate in mm/h: showers of 20–90 minutes, likelier in the afternoon. */
    double rainRate(long t) {
        double rate = 0;
        long block = 3 * HOUR;
        long b = Math.floorDiv(t, block);
        for (long k = b - 1; k <= b; k++) {
            double h = hour(k * block);
            double chance = h >= 12 && h < 18 ? 0.35 : 0.12;
            if (unit("shower", k) < chance) {
                double start = k * block + unit("shower-at", k) * block;
                double length = (20 + 70 * unit("shower-len", k)) * 60_000;
                double peak = 5 + 35 * Math.pow(unit("shower-peak", k), 2);
                double x = (t - start) / length;
                if (x >= 0 && x <= 1) {
                    rate += peak * Math.sin(Math.PI * x);
                }
            }
        }
        return rate;
    }

    /** Rain of the last hours, decaying (a river's memory of showers), in mm-equivalent. */
    private double wetness(long t) {
        double sum = 0;
        long step = 10 * 60_000;
        for (int i = 0; i < 72; i++) {
            sum += rainRate(t - i * step) * step / HOUR * Math.exp(-i * step / (3.0 * HOUR));
        }
        return sum;
    }

    private double temperature(long t) {
        return 24.5 + 7 * bump(hour(t), 8, 18, 3) + 1.2 * smooth("temp", t, 6 * HOUR);
    }

    private double sun(long t) {
        double h = hour(t);
        return h < 6.2 || h > 18.2 ? 0 : Math.sin(Math.PI * (h - 6.2) / 12);
    }

    private double shopHours(long t) {
        double h = hour(t);
        return 0.05 + 0.6 * bump(h, 8, 22, 1) + 0.5 * gauss(h, 12.5, 1) + 0.8 * gauss(h, 19.5, 1.5);
    }

    private double weekday(long t, double weekend) {
        DayOfWeek d = LocalDate.ofInstant(Instant.ofEpochMilli(t), zone).getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? weekend : 1;
    }

    private double generic(String key, long t, MetricSpec spec) {
        double lo = Double.isFinite(spec.min()) ? spec.min() : 0;
        double hi = Double.isFinite(spec.max()) ? spec.max() : lo + 100;
        return round(lo + (hi - lo) * (0.1 + 0.2 * smooth(key, t, HOUR)), 1);
    }

    private double hour(long t) {
        return Math.floorMod(t + zone.getRules().getOffset(Instant.ofEpochMilli(t)).getTotalSeconds() * 1000L, 24 * HOUR)
                / (double) HOUR;
    }

    /** 0 outside [from, to], rising to 1 inside over {@code edge} hours. */
    private static double bump(double h, double from, double to, double edge) {
        return clamp((h - from) / edge) * clamp((to - h) / edge);
    }

    private static double clamp(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }

    private static double gauss(double x, double mu, double sigma) {
        return Math.exp(-0.5 * Math.pow((x - mu) / sigma, 2));
    }

    /** Uniform in [0, 1), a pure function of seed, key and n (splitmix64). */
    double unit(String key, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + key.hashCode() * 0xC2B2AE3D27D4EB4FL + n * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return ((z ^ (z >>> 31)) >>> 11) * 0x1.0p-53;
    }

    /** Standard normal, deterministic. */
    private double gauss(String key, long n) {
        double u1 = Math.max(1e-12, unit(key, 2 * n));
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * unit(key, 2 * n + 1));
    }

    /** A slow swing in [0, 1): interpolated between deterministic knots {@code period} apart. */
    private double smooth(String key, long t, long period) {
        long k = Math.floorDiv(t, period);
        double f = (t - k * period) / (double) period;
        double w = (1 - Math.cos(Math.PI * f)) / 2;
        return unit(key, k) * (1 - w) + unit(key, k + 1) * w;
    }

    private double poisson(String key, long n, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 30) {
            return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gauss(key + "g", n)));
        }
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            p *= unit(key, n * 64 + k);
            k++;
        } while (p > l && k < 64);
        return k - 1;
    }

    private double binomial(String key, long n, int trials, double p) {
        int k = 0;
        for (int i = 0; i < trials; i++) {
            k += unit(key, n * 256 + i) < p ? 1 : 0;
        }
        return k;
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
