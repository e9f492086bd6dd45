package io.tfvae.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class TensorBoardListenerTest {
  @TempDir Path tmp;

  /** Reads every Event of a TFRecord file: [u64 length][u32 crc][data][u32 crc], little-endian. */
  static List<Event> readEvents(Path file) throws IOException {
    List<Event> out = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file); DataInputStream d = new DataInputStream(in)) {
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

  @Test
  void writesScalarsAtEveryReportAndSampleGridsEveryNSteps() throws IOException {
    Path logs = tmp.resolve("tb");
    try (TensorBoardListener board = new TensorBoardListener(logs, 100);
        Trainer t =
            Trainer.builder(TinyData.tinyVae(200).withOverride("training.log_every", "50"))
                .setTrainingData(TinyData.images(200, 16, 3))
                .addListener(board)
                .build()) {
      t.fit();
    }
    List<Path> files;
    try (var s = Files.list(logs)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).toList();
    }
    assertEquals(1, files.size(), "one event file: " + files);
    Map<String, TreeSet<Long>> steps = new TreeMap<>();
    for (Event e : readEvents(files.get(0))) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        steps.computeIfAbsent(v.getTag(), k -> new TreeSet<>()).add(e.getStep());
        if (v.getTag().equals("samples/image")) {
          assertTrue(v.hasImage() || v.hasTensor(), "an image value");
          if (v.hasImage()) {
            assertEquals(32, v.getImage().getHeight(), "8 x 8 grid of 4 x 4 images");
          }
        }
      }
    }
    for (String tag : TensorBoardListener.scalarTags()) {
      assertEquals(new TreeSet<>(List.of(50L, 100L, 150L, 200L)), steps.get(tag), tag);
    }
    // TensorFlow names a single-image summary "<tag>/image".
    assertEquals(new TreeSet<>(List.of(100L, 200L)), steps.get("samples/image"));
  }
}
