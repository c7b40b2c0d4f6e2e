package io.shikong.core.feature;

import java.time.Instant;
import java.util.List;

/**
 * What a committed write did.
 *
 * @param inserted ids of inserted features, in request order
 * @param updated  number of updated or replaced features
 * @param deleted  number of deleted features
 * @param at       the instant the write took effect: closed versions end and new ones start here
 */
public record WriteResult(List<String> inserted, int updated, int deleted, Instant at) {

    public WriteResult {
        inserted = List.copyOf(inserted);
    }
}
