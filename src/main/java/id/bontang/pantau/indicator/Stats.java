package id.bontang.pantau.indicator;

/** Count, sum, minimum and maximum of some readings; mutable, one per bucket or day. */
final class Stats {

    long count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double v) {
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    void add(Stats o) {
        count += o.count;
        sum += o.sum;
        min = Math.min(min, o.min);
        max = Math.max(max, o.max);
    }

    void clear() {
        count = 0;
        sum = 0;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
    }

    /** The mean, or null when empty. */
    Double mean() {
        return count == 0 ? null : sum / count;
    }
}
