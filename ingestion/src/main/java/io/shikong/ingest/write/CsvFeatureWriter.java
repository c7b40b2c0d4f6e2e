package io.shikong.ingest.write;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.locationtech.jts.io.WKTWriter;

/**
 * CSV with a header row (Apache Commons CSV, RFC 4180 quoting): the schema's columns and the geometry as
 * WKT in a last column {@code wkt}. Dates and instants as ISO 8601. UTF-8 by default; GBK on request
 * for spreadsheets that expect it.
 */
public final class CsvFeatureWriter implements FeatureWriter {

    private final ExportSchema schema;
    private final CSVPrinter printer;
    private final WKTWriter wkt = new WKTWriter();
    private final List<Object> row = new ArrayList<>();

    public CsvFeatureWriter(OutputStream out, LayerDefinition layer, Charset charset) throws IOException {
        this.schema = ExportSchema.of(layer);
        List<String> header = new ArrayList<>();
        schema.columns().forEach(c -> header.add(c.name()));
        header.add("wkt");
        this.printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, charset), 1 << 16),
                CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
    }

    @Override
    public void write(Feature feature) throws IOException {
        row.clear();
        for (int i = 0; i < schema.columns().size(); i++) {
            Object v = schema.value(feature, i);
            row.add(v == null ? null : v.toString());
        }
        row.add(feature.geometry() == null ? null : wkt.write(feature.geometry()));
        printer.printRecord(row);
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
