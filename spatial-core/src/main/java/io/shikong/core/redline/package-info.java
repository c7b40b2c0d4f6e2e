/**
 * Ecological red-line compliance: an in-memory, valid-time-aware index of the red-line zones and the
 * checker that measures overlaps and distances in true metres.
 */
package io.shikong.core.redline;
