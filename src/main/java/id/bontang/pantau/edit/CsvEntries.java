package id.bontang.pantau.edit;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.bontang.pantau.catalog.CatalogException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CSV rows as catalog entries (Jackson's CSV reader): a header row names the fields; a dotted name is a nested field
 * ({@code levels.waspada}, {@code metrics.calls.unit}); an empty cell is an absent field; a plain decimal is a
 * number, anything else text as written.
 */
final class CsvEntries {

    private static final CsvMapper CSV = CsvMapper.builder().enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.TRIM_SPACES).build();

    private CsvEntries() {
    }

    /** @throws CatalogException when the text is not CSV with a header and at least one row */
    static List<ObjectNode> read(String text) {
        List<ObjectNode> rows = new ArrayList<>();
        // Excel's "CSV UTF-8" starts with a byte-order mark; Indonesian and other locales separate with ';'.
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String header = csv.lines().findFirst().orElse("");
        char separator = header.indexOf(',') < 0 && header.indexOf(';') >= 0 ? ';' : ',';
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(separator)).readValues(csv)) {
            while (it.hasNext()) {
                rows.add(entry(it.next()));
            }
        } catch (IOException | RuntimeException e) {
            throw new CatalogException("the CSV sent", List.of("row " + (rows.size() + 2) + ": not CSV with a header row ("
                    + (e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage()) + ")"));
        }
        if (rows.isEmpty()) {
            throw new CatalogException("the CSV sent", List.of("no row below the header"));
        }
        return rows;
    }

    private static ObjectNode entry(Map<String, String> row) {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        row.forEach((column, value) -> {
            if (value == null || value.isBlank()) {
                return;
            }
            String[] path = column.strip().split("\\.");
            ObjectNode at = entry;
            for (int i = 0; i < path.length - 1; i++) {
                at = at.has(path[i]) && at.get(path[i]) instanceof ObjectNode o ? o : at.putObject(path[i]);
            }
            at.set(path[path.length - 1], CatalogTree.scalar(value.strip()));
        });
        return entry;
    }
}
