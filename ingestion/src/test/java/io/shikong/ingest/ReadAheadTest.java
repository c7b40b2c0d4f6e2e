package io.shikong.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.ingest.read.SourceFormat;
import io.shikong.ingest.read.SourceReadException;
import io.shikong.ingest.read.SourceReader;
import io.shikong.ingest.read.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The read-ahead thread hands out the reader's records and its failure in order, and stops when closed. */
class ReadAheadTest {

    /** A reader of {@code n} records that fails after them when {@code fail}. */
    static final class Numbers implements SourceReader {
        final int n;
        final boolean fail;
        int i;
        volatile boolean closed;

        Numbers(int n, boolean fail) {
            this.n = n;
            this.fail = fail;
        }

        @Override
        public boolean hasNext() {
            if (i == n && fail) {
                throw new SourceReadException("n.geojson", "feature " + n, "truncated");
            }
            return i < n;
        }

        @Override
        public SourceRecord next() {
            i++;
            return SourceRecord.of(i - 1, "feature " + (i - 1), Map.of("id", i - 1), null);
        }

        @Override
        public SourceFormat format() {
            return SourceFormat.GEOJSON;
        }

        @Override
        public String source() {
            return "n.geojson";
        }

        @Override
        public Optional<String> crs() {
            return Optional.of("CRS84");
        }

        @Override
        public long bytesRead() {
            return i * 10L;
        }

        @Override
        public long totalBytes() {
            return n * 10L;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<Long> drain(SourceReader r) {
        List<Long> seen = new ArrayList<>();
        while (r.hasNext()) {
            seen.add(r.next().index());
        }
        return seen;
    }

    @Test
    void everyRecordInOrderAcrossBatches() {
        int n = ReadAhead.BATCH * ReadAhead.BATCHES * 3 + 7;
        Numbers numbers = new Numbers(n, false);
        try (ReadAhead r = new ReadAhead(numbers)) {
            assertThat(r.crs()).contains("CRS84");
            List<Long> seen = drain(r);
            assertThat(seen).hasSize(n);
            for (int i = 0; i < n; i++) {
                assertThat(seen.get(i)).isEqualTo(i);
            }
            assertThat(r.bytesRead()).isEqualTo(n * 10L);
            assertThat(r.hasNext()).isFalse();
        }
        assertThat(numbers.closed).isTrue();
    }

    @Test
    void theReadersFailureComesAfterTheRecordsReadBeforeIt() {
        int n = ReadAhead.BATCH + 3;
        try (ReadAhead r = new ReadAhead(new Numbers(n, true))) {
            List<Long> seen = new ArrayList<>();
            assertThatThrownBy(() -> {
                while (r.hasNext()) {
                    seen.add(r.next().index());
                }
            }).isInstanceOf(SourceReadException.class).hasMessageContaining("feature " + n).hasMessageContaining("truncated");
            assertThat(seen).hasSize(n);
        }
    }

    @Test
    void closingMidwayStopsTheThreadAndClosesTheReader() {
        Numbers numbers = new Numbers(1_000_000, false);
        ReadAhead r = new ReadAhead(numbers);
        assertThat(r.next().index()).isZero();
        r.close();
        assertThat(numbers.closed).isTrue();
        // close() waited for the thread: it stopped within the queue's few batches, not at the file's end
        assertThat(numbers.i).isLessThanOrEqualTo(ReadAhead.BATCH * (ReadAhead.BATCHES + 3));
    }
}
