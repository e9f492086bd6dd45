package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tfvae.config.ModelDefinition;
import io.tfvae.testing.TinyData;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class TensorBoardListenerTest {
  @TempDir Path tmp;

  /** Reads every Event of a TFRecord file: [u64 length][u32 crc][data][u32 crc], little-endian. */
  static List<Event> readEvents(Path file) throws IOException {
    List<Event> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        DataInputStream d = new DataInputStream(in)) {
      while (true) {
        byte[] header = new byte[12];
        try {
          d.readFully(header);
        } catch (EOFException e) {
          return out;
        }
        long len = ByteBuffer.wrap(header, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] data = new byte[(int) len];
        d.readFully(data);
        d.readFully(new byte[4]);
        out.add(Event.parseFrom(data));
      }
    }
  }

  /**
   * Every kind of model: its own scalars at every report; sample grids only where it can sample.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "vae { latent_dim: 2 encoder { hidden: 8 } decoder { hidden: 8 } }"
            + " | nelbo,kl,rec,loss,steps_per_second | true",
        "classifier { classes: 10 network { hidden: 8 } } data { binarization: NONE }"
            + " | cross_entropy,accuracy,loss,steps_per_second | false",
        "ssvae { latent_dim: 2 classifier { hidden: 8 } encoder { hidden: 8 } decoder { hidden: 8 }"
            + " labelled { seeded { per_class: 2 } } } | nelbo,kl,rec,cross_entropy,loss,steps_per_second | true",
      })
  void writesEachModelsScalarsAtEveryReportAndSampleGridsEveryNSteps(
      String model, String tags, boolean samples) throws IOException {
    Path logs = tmp.resolve("tb");
    ModelDefinition def =
        ModelDefinition.parse(
            model + " training { batch_size: 10 steps: 200 seed: 7 threads: 2 log_every: 50 }",
            "tb.pbtxt");
    List<String> written;
    try (TensorBoardListener board = new TensorBoardListener(logs, 100);
        Trainer t =
            Trainer.builder(def)
                .setTrainingData(TinyData.images(200, 16, 3))
                .addListener(board)
                .build()) {
      written = TensorBoardListener.scalarTags(t);
      t.fit();
    }
    assertEquals(List.of(tags.split(",")), written);
    List<Path> files;
    try (var s = Files.list(logs)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).toList();
    }
    assertEquals(1, files.size(), "one event file: " + files);
    Map<String, TreeSet<Long>> steps = new TreeMap<>();
    for (Event e : readEvents(files.get(0))) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        steps.computeIfAbsent(v.getTag(), k -> new TreeSet<>()).add(e.getStep());
        if (v.getTag().equals("samples/image") && v.hasImage()) {
          assertEquals(32, v.getImage().getHeight(), "8 x 8 grid of 4 x 4 images");
        }
      }
    }
    for (String tag : written) {
      assertEquals(new TreeSet<>(List.of(50L, 100L, 150L, 200L)), steps.get(tag), tag);
    }
    // TensorFlow names a single-image summary "<tag>/image".
    assertEquals(samples ? new TreeSet<>(List.of(100L, 200L)) : null, steps.get("samples/image"));
    assertEquals(
        written.size() + (samples ? 1 : 0), steps.size(), "no other tags: " + steps.keySet());
  }
}
