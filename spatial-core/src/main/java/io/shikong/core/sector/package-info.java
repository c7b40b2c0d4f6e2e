/**
 * The spatial questions of the sector systems, with no HTTP: pipelines near or under a geometry
 * ({@link io.shikong.core.sector.PipelineService}), street-view captures nearest to a point or along a
 * route ({@link io.shikong.core.sector.StreetViewService}), food and drug inspection sites by district,
 * polygon and risk level and those due for inspection ({@link io.shikong.core.sector.InspectionService}),
 * building counts and floor areas by use ({@link io.shikong.core.sector.BuildingService}). Which layer
 * and which attributes play each role is the catalog's {@code sector:} section
 * ({@link io.shikong.core.catalog.SectorLayers}); a role the catalog does not configure answers 404.
 */
package io.shikong.core.sector;
