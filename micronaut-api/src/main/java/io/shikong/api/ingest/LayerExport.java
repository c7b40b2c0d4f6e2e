package io.shikong.api.ingest;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.filter.Ecql;
import io.shikong.core.params.Params;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.ingest.write.ExportFormat;

/**
 * What an export reads, shared by {@code shikong export} and {@code GET /api/v1/layers/{layer}/export}: the
 * layer's features current or as of an instant, optionally filtered by ECQL (geometry literals in CRS84),
 * in the storage CRS or the one asked for.
 */
final class LayerExport {

    private LayerExport() {
    }

    /** The format named, or a 400 naming the choices. */
    static ExportFormat format(String name) {
        if (name == null || name.isBlank()) {
            throw new MissingParameterException("format");
        }
        return ExportFormat.find(name).orElseThrow(() -> new InvalidParameterException("format",
                "未知的导出格式 unknown export format '" + name + "': gpkg, fgb, geojson or csv"));
    }

    /** The CRS of the file: the one asked for, else the layer's storage CRS. */
    static Crs crs(CrsService crsService, LayerDefinition layer, String crs) {
        return Params.crs(crsService, crs, "crs", crsService.resolve("EPSG:" + layer.srid()));
    }

    /** The query of the export. */
    static Query query(CrsService crsService, LayerDefinition layer, Caller caller, String asOf, String filter, Crs crs) {
        Query.Builder q = Query.of(layer.name(), caller);
        if (asOf != null && !asOf.isBlank()) {
            q.time(TimeSelection.asOf(Params.instant(asOf, "asOf")));
        } else {
            q.time(TimeSelection.CURRENT);
        }
        if (filter != null && !filter.isBlank()) {
            q.filter(Ecql.parse(filter, "filter"), crsService.resolve("CRS84"));
        }
        return q.outputCrs(crs).build();
    }
}
