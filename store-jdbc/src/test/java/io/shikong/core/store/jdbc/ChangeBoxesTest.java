package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** The boxes of a change stay few and never lose coverage; their text form reads back exactly. */
class ChangeBoxesTest {

    @Test
    void fewBoxesAreKeptAsTheyAre() {
        ChangeBoxes boxes = new ChangeBoxes();
        boxes.add(new Envelope(0, 1, 0, 1));
        boxes.add(new Envelope(5, 6, 5, 6));
        boxes.add(new Envelope(0.2, 0.5, 0.2, 0.5)); // covered: adds nothing
        assertThat(boxes.list()).containsExactly(new Envelope(0, 1, 0, 1), new Envelope(5, 6, 5, 6));
    }

    @Test
    void manyBoxesMergeToTheLimitAndCoverEverything() {
        Random random = new Random(7);
        List<Envelope> added = new ArrayList<>();
        ChangeBoxes boxes = new ChangeBoxes();
        for (int i = 0; i < 100_000; i++) {
            // three clusters of points and small boxes
            double cx = (i % 3) * 10;
            double x = cx + random.nextDouble();
            double y = random.nextDouble();
            Envelope e = i % 2 == 0 ? new Envelope(x, x, y, y) : new Envelope(x, x + 0.01, y, y + 0.01);
            added.add(e);
            boxes.add(e);
        }
        List<Envelope> kept = boxes.list();
        assertThat(kept).hasSizeLessThanOrEqualTo(ChangeBoxes.MAX).isNotEmpty();
        for (Envelope e : added) {
            assertThat(kept.stream().anyMatch(b -> b.covers(e))).as("%s covered", e).isTrue();
        }
        // nearest-first merging never spans the empty gaps between the clusters
        for (Envelope b : kept) {
            assertThat(b.getWidth()).isLessThan(2);
        }
    }

    @Test
    void textFormReadsBackExactly() {
        List<Envelope> boxes = List.of(new Envelope(123.40000000000001, 123.41, 41.8, 41.81),
                new Envelope(-1e-300, 0, 5, 5));
        String text = ChangeBoxes.format(boxes);
        assertThat(ChangeBoxes.parse(text)).isEqualTo(boxes);
        assertThat(ChangeBoxes.parse(ChangeBoxes.format(List.of()))).isEmpty();
    }
}
