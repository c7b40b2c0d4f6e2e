-- One layer of one Mapbox Vector Tile, encoded by PostGIS (io.shikong.core.store.jdbc.PostgisVectorTiles).
--
-- ${name} is replaced by an identifier list or clause built from the validated catalog (quoted column
-- and table names, the time condition of JdbcFeatureStore with its own bound values); :name is a bound
-- parameter. No request value is ever written into the text. Lines starting with "--" are dropped
-- before the statement is prepared.
--
-- candidates: the versions the time selection sees whose bounding box meets the tile grown by the
--   buffer, transformed to the storage CRS (the test is the GiST index's "&&"), in id order, at most
--   :limit of them (NULL = no limit).
-- features:   each candidate in tile coordinates (0..extent, y down): transformed to the tile CRS,
--   simplified by :tolerance (CRS units; 0 = none), clipped to the tile plus :buffer units and snapped
--   by ST_AsMVTGeom, which yields NULL for what falls outside or collapses.
-- result:     one bytea, the encoded layer (zero bytes when no feature is left).
SELECT ST_AsMVT(features, :layer, :extent, 'mvt_geom', CAST(:feature_id AS text))
           FILTER (WHERE features.mvt_geom IS NOT NULL)
FROM (
    SELECT ${properties},
           ST_AsMVTGeom(
               ST_SimplifyPreserveTopology(ST_Transform(candidates.${geometry}, :tile_srid), :tolerance),
               ST_MakeEnvelope(:tile_xmin, :tile_ymin, :tile_xmax, :tile_ymax, :tile_srid),
               :extent, :buffer, true) AS mvt_geom
    FROM (
        SELECT ${columns}
        FROM ${table}
        WHERE ${geometry} && ST_Transform(
                  ST_MakeEnvelope(:buffered_xmin, :buffered_ymin, :buffered_xmax, :buffered_ymax, :tile_srid),
                  :storage_srid)
          AND ${time}
        ORDER BY ${order}
        LIMIT :limit
    ) AS candidates
) AS features
