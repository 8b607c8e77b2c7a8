package id.bontang.pantau.catalog;

/** A kelurahan: its slug, name, kecamatan and label point; {@code hazard} is tidal-flood, rain-flood or null. */
public record Area(String slug, String name, String kecamatan, double lat, double lon, String hazard) {
}
