/**
 * Loads and exports over HTTP and the command line: the ingestion jobs ({@code /api/v1/ingest/jobs}, for the
 * {@code data_steward} and {@code admin} roles), layer exports ({@code /api/v1/layers/{layer}/export}) and
 * {@code shikong ingest|export} ({@link io.shikong.api.ingest.IngestCommand}, {@link io.shikong.api.ingest.ExportCommand}),
 * all on the {@code ingestion} module's pipeline and writers over the store's merge ({@link io.shikong.ingest.Loader#of}).
 */
package io.shikong.api.ingest;
