/**
 * Seeding and truncating jobs: fill the tile cache ahead of clients, or empty part of it, by layers, matrix
 * set, zoom range and area. {@link io.shikong.tiles.seed.SeedJobs} runs them one at a time on a worker thread
 * and keeps each as JSON under the cache's {@code jobs} directory, its progress written as it goes, so a
 * restart resumes a job where it stood.
 */
package io.shikong.tiles.seed;
