package io.shikong.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;

/**
 * One committed change to a layer (a write or a bulk load), as the store tells its listeners: in this
 * process at once, and on every other node on the same database through the store's change log.
 *
 * @param sequence  the change's position in the store's change log (increasing; 0 when the store keeps no log)
 * @param layer     the layer changed
 * @param boxes     the bounding boxes, in the storage CRS, of every version the change closed or opened
 *                  (old and new geometries); empty means "anywhere in the layer" (a consumer then drops
 *                  everything it holds of the layer)
 * @param validFrom the earliest valid-time instant whose state changed: the state of the layer as of any
 *                  instant before it is unchanged (a write at {@code t} changes {@code t} onward; a bulk load
 *                  of old versions reaches back to their earliest {@code valid_from}); {@link Instant#MIN}
 *                  when unknown (a node that missed pruned changes reports every layer so)
 * @param remote    true when the change was made by another process and read from the change log
 */
public record ChangeEvent(long sequence, String layer, List<Envelope> boxes, Instant validFrom, boolean remote) {

    public ChangeEvent {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(validFrom, "validFrom");
        boxes = List.copyOf(boxes);
    }

    /** True when the change may touch anything in the layer (no boxes). */
    public boolean wholeLayer() {
        return boxes.isEmpty();
    }
}
