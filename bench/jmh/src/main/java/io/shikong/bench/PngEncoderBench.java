package io.shikong.bench;

import io.shikong.core.feature.Feature;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.MapRenderer;
import io.shikong.styles.sld.StandardStyles;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our PNG encoding of a rendered map against {@code ImageIO.write(image, "png", out)}: the same
 * 512×512 map of 2,000 buildings in their standard style, encoded to a byte array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PngEncoderBench {

    @Param({"512"})
    int size;

    BufferedImage map;

    @Setup
    public void render() {
        GeometryFactory gf = new GeometryFactory();
        SplittableRandom r = new SplittableRandom(7);
        String[] uses = {"residential", "commercial", "office", "industrial", "public", "education", "medical"};
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            double x = r.nextDouble(0, 1000);
            double y = r.nextDouble(0, 1000);
            double w = r.nextDouble(3, 15);
            features.add(Feature.of("B" + i, gf.toGeometry(new Envelope(x, x + w, y, y + w)), Map.of("use", uses[i % uses.length])));
        }
        MapRenderer renderer = new MapRenderer(size, size, new Envelope(0, 1000, 0, 1000), true, Color.WHITE);
        renderer.draw(features.iterator(), StandardStyles.load("buildings"), 10_000);
        map = renderer.finish();
    }

    @Benchmark
    public byte[] imageIo() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        ImageIO.write(map, "png", out);
        return out.toByteArray();
    }

    @Benchmark
    public byte[] shikongPng() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        ImageEncoder.write(map, ImageEncoder.Format.PNG, Color.WHITE, out);
        return out.toByteArray();
    }

    @Benchmark
    public byte[] shikongPng8() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        ImageEncoder.write(map, ImageEncoder.Format.PNG8, Color.WHITE, out);
        return out.toByteArray();
    }

    /** Prints the encoded sizes once, so the speed can be weighed against the bytes. */
    public static void main(String[] args) throws Exception {
        PngEncoderBench b = new PngEncoderBench();
        b.size = 512;
        b.render();
        System.out.printf("sizes (bytes): ImageIO %d, Shikong PNG %d, PNG8 %d%n", b.imageIo().length, b.shikongPng().length,
                b.shikongPng8().length);
    }
}
