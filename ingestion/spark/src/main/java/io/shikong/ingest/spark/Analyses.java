package io.shikong.ingest.spark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The sectors' analytical joins on Sedona, each a frame in the column order of its {@link ResultTables.Definition}.
 * Layers are read from PostGIS with Spark's JDBC reader in parallel (one hash slice of the ids per
 * partition, geometries as WKB); metres are computed in a projected CRS ({@code projectedSrid}, by default
 * EPSG:4529, CGCS2000 3-degree Gauss-Krüger zone 41, which covers Shenyang) so PostGIS gives the same numbers
 * with {@code ST_Transform}.
 *
 * <ul>
 *   <li>{@value #REDLINE_PROXIMITY}: every current inspection site and POI inside or within {@code distance}
 *       metres of a current red-line zone, with the zone (id, name), the distance in metres (0 inside) and
 *       the point.</li>
 *   <li>{@value #PIPELINES_UNDER_BUILDINGS}: every current pipeline crossing a current building footprint,
 *       by network, with the length under the building in metres (pieces of length 0, a pipe touching a
 *       corner, are left out) and that piece.</li>
 *   <li>{@value #FLOOR_AREA_BY_YEAR}: per district, use and year, the buildings and floor area
 *       (footprint area × floors; buildings without floors count with none) of the versions valid at the
 *       end of the year (Beijing time: valid from before {@code year+1-01-01T00:00+08:00} and not closed
 *       before it), from the whole history.</li>
 * </ul>
 */
public final class Analyses {

    /** Result table of the red-line proximity join. */
    public static final String REDLINE_PROXIMITY = "redline_proximity";
    /** Result table of pipelines under buildings. */
    public static final String PIPELINES_UNDER_BUILDINGS = "pipelines_under_buildings";
    /** Result table of floor area per district, use and year. */
    public static final String FLOOR_AREA_BY_YEAR = "building_floor_area_by_year";
    /** What a missing district or use is grouped as. */
    public static final String UNKNOWN = "未知 unknown";

    private final SparkSession spark;
    private final JdbcTarget jdbc;
    private final int partitions;
    private final int projectedSrid;

    /**
     * @param spark         the session (Sedona registered)
     * @param jdbc          the PostGIS holding the layers
     * @param partitions    slices each layer is read in
     * @param projectedSrid the metric CRS for distances, lengths and areas
     */
    public Analyses(SparkSession spark, JdbcTarget jdbc, int partitions, int projectedSrid) {
        this.spark = spark;
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.projectedSrid = projectedSrid;
    }

    /** The current versions (or all, {@code history}) of a layer table: the given columns and {@code geom}. */
    public Dataset<Row> layer(String table, String columns, boolean history) {
        String sql = "(SELECT " + columns + ", ST_AsBinary(geom) AS wkb FROM " + LayerTable.quoteQualified(table)
                + (history ? "" : " WHERE valid_to IS NULL") + ") AS l";
        String[] predicates = new String[partitions];
        for (int i = 0; i < partitions; i++) {
            predicates[i] = "abs(hashtext(id::text) % " + partitions + ") = " + i;
        }
        return spark.read().option("fetchsize", "10000").jdbc(jdbc.url(), sql, predicates, jdbc.properties())
                .selectExpr("*", "ST_GeomFromWKB(wkb) AS geom").drop("wkb");
    }

    private String metric(String geometry) {
        return "ST_Transform(" + geometry + ", 'EPSG:4490', 'EPSG:" + projectedSrid + "')";
    }

    /** Sites and POIs within {@code distance} metres of a zone. */
    public Dataset<Row> redlineProximity(String zones, String sites, String pois, double distance) {
        layer(zones, "id, zone_name", false).createOrReplaceTempView("shikong_zones");
        layer(sites, "id, name", false).createOrReplaceTempView("shikong_sites");
        layer(pois, "id, name", false).createOrReplaceTempView("shikong_pois");
        spark.sql("SELECT id AS zone_id, zone_name, " + metric("geom") + " AS zg FROM shikong_zones")
                .createOrReplaceTempView("shikong_zones_m");
        spark.sql("SELECT '" + sites + "' AS layer, id AS feature_id, name, geom, " + metric("geom") + " AS pg FROM shikong_sites "
                + "UNION ALL SELECT '" + pois + "', id, name, geom, " + metric("geom") + " FROM shikong_pois")
                .createOrReplaceTempView("shikong_points_m");
        return spark.sql("SELECT p.layer, p.feature_id, p.name, z.zone_id, z.zone_name, ST_Distance(p.pg, z.zg) AS distance_m, "
                + "ST_Intersects(p.pg, z.zg) AS inside, p.geom FROM shikong_points_m p JOIN shikong_zones_m z "
                + "ON ST_Distance(p.pg, z.zg) <= " + distance);
    }

    /** The table of {@link #redlineProximity}. */
    public static ResultTables.Definition redlineProximityTable(String name) {
        return new ResultTables.Definition(name, List.of(new String[] {"layer", "text"}, new String[] {"feature_id", "text"},
                new String[] {"name", "text"}, new String[] {"zone_id", "text"}, new String[] {"zone_name", "text"},
                new String[] {"distance_m", "double precision"}, new String[] {"inside", "boolean"},
                new String[] {"geom", "geometry(Point, 4490)"}), List.of("layer", "feature_id", "zone_id"), "geom");
    }

    /** Pipelines crossing building footprints. */
    public Dataset<Row> pipelinesUnderBuildings(String pipelines, String buildings) {
        layer(pipelines, "id, network", false).createOrReplaceTempView("shikong_pipes");
        layer(buildings, "id", false).createOrReplaceTempView("shikong_buildings");
        spark.sql("SELECT p.id AS pipeline_id, b.id AS building_id, p.network, ST_Intersection(p.geom, b.geom) AS part "
                + "FROM shikong_pipes p JOIN shikong_buildings b ON ST_Intersects(p.geom, b.geom)")
                .createOrReplaceTempView("shikong_parts");
        return spark.sql("SELECT pipeline_id, building_id, network, length_m, ST_Multi(ST_CollectionExtract(part, 2)) AS geom "
                + "FROM (SELECT *, ST_Length(" + metric("part") + ") AS length_m FROM shikong_parts) x WHERE length_m > 0");
    }

    /** The table of {@link #pipelinesUnderBuildings}. */
    public static ResultTables.Definition pipelinesUnderBuildingsTable(String name) {
        return new ResultTables.Definition(name, List.of(new String[] {"pipeline_id", "text"},
                new String[] {"building_id", "text"}, new String[] {"network", "text"},
                new String[] {"length_m", "double precision"}, new String[] {"geom", "geometry(MultiLineString, 4490)"}),
                List.of("pipeline_id", "building_id"), "geom");
    }

    /**
     * Floor area per district, use and year.
     *
     * @param fromYear first year, null for the year of the first version
     * @param toYear   last year, null for the year of the last valid-from or valid-to
     */
    public Dataset<Row> floorAreaByYear(String buildings, Integer fromYear, Integer toYear) throws SQLException {
        int[] span = yearSpan(buildings);
        int from = fromYear != null ? fromYear : span[0];
        int to = toYear != null ? toYear : span[1];
        List<Row> years = new ArrayList<>();
        for (int y = from; y <= to; y++) {
            years.add(RowFactory.create(y, java.sql.Timestamp.from(LocalDate.of(y + 1, 1, 1).atStartOfDay()
                    .toInstant(ZoneOffset.ofHours(8)))));
        }
        StructType schema = new StructType().add("year", DataTypes.IntegerType).add("year_end", DataTypes.TimestampType);
        spark.createDataFrame(years, schema).createOrReplaceTempView("shikong_years");
        layer(buildings, "id, district, use, floors, valid_from, valid_to", true).createOrReplaceTempView("shikong_building_versions");
        return spark.sql("SELECT /*+ BROADCAST(y) */ coalesce(b.district, '" + UNKNOWN + "') AS district, coalesce(b.use, '" + UNKNOWN + "') AS use, "
                + "y.year, count(*) AS buildings, sum(ST_Area(" + metric("b.geom") + ") * b.floors) AS floor_area_m2 "
                + "FROM shikong_building_versions b JOIN shikong_years y "
                + "ON b.valid_from < y.year_end AND (b.valid_to IS NULL OR b.valid_to >= y.year_end) "
                + "GROUP BY 1, 2, 3");
    }

    /** The table of {@link #floorAreaByYear}. */
    public static ResultTables.Definition floorAreaByYearTable(String name) {
        return new ResultTables.Definition(name, List.of(new String[] {"district", "text"}, new String[] {"use", "text"},
                new String[] {"year", "integer"}, new String[] {"buildings", "bigint"},
                new String[] {"floor_area_m2", "double precision"}), List.of("district", "use", "year"), null);
    }

    /** First and last year (Beijing time) of the layer's history. */
    private int[] yearSpan(String buildings) throws SQLException {
        try (Connection c = jdbc.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT extract(year FROM min(valid_from) AT TIME ZONE 'Asia/Shanghai')::int, "
                        + "extract(year FROM greatest(max(valid_from), max(valid_to)) AT TIME ZONE 'Asia/Shanghai')::int FROM "
                        + LayerTable.quoteQualified(buildings));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getObject(1) == null) {
                throw new IllegalArgumentException("图层没有数据 layer '" + buildings + "' is empty");
            }
            return new int[] {rs.getInt(1), rs.getInt(2)};
        }
    }
}
