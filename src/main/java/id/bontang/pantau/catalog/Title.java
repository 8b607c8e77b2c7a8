package id.bontang.pantau.catalog;

/** A bilingual label: Bahasa Indonesia ({@code id}) and English ({@code en}). */
public record Title(String id, String en) {

    public Title fill(String placeholder, String value) {
        return new Title(id.replace(placeholder, value), en.replace(placeholder, value));
    }
}
