package io.tfvae.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CPU a run happened on, as the manifest and the benchmark header record it. Bit-for-bit
 * reproducibility holds per CPU type only: oneDNN, under TensorFlow's CPU kernels, picks its
 * kernels by the instruction sets the CPU has, and other kernels sum in another order.
 */
public final class MachineInfo {
  private final String cpu;
  private final String isa;

  private MachineInfo(String cpu, String isa) {
    this.cpu = cpu;
    this.isa = isa;
  }

  /**
   * This machine, from {@code /proc/cpuinfo} (Linux); "unknown" elsewhere.
   *
   * @return the description
   */
  public static MachineInfo current() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8);
      String name = field(lines, "model name");
      String family = field(lines, "cpu family");
      String model = field(lines, "model");
      Set<String> flags = new HashSet<>(Arrays.asList(field(lines, "flags").split("\\s+")));
      return new MachineInfo(
          name + " (family " + family + ", model " + model + ")", onednnIsa(flags));
    } catch (IOException | RuntimeException e) {
      return new MachineInfo("unknown", "unknown");
    }
  }

  /**
   * The widest instruction set oneDNN dispatches to on a CPU with these flags, in oneDNN's names
   * ({@code avx512_core_amx}, {@code avx512_core_bf16}, {@code avx512_core_vnni}, {@code
   * avx512_core}, {@code avx2}, {@code sse41}).
   *
   * @param flags the CPU's flags as {@code /proc/cpuinfo} names them
   * @return the instruction set
   */
  static String onednnIsa(Set<String> flags) {
    boolean avx512 =
        flags.contains("avx512f")
            && flags.contains("avx512bw")
            && flags.contains("avx512vl")
            && flags.contains("avx512dq");
    if (avx512 && flags.contains("amx_tile") && flags.contains("amx_bf16")) {
      return "avx512_core_amx";
    }
    if (avx512 && flags.contains("avx512_bf16")) {
      return "avx512_core_bf16";
    }
    if (avx512 && flags.contains("avx512_vnni")) {
      return "avx512_core_vnni";
    }
    if (avx512) {
      return "avx512_core";
    }
    if (flags.contains("avx2")) {
      return "avx2";
    }
    return flags.contains("sse4_1") ? "sse41" : "unknown";
  }

  private static String field(List<String> lines, String key) {
    for (String l : lines) {
      int colon = l.indexOf(':');
      if (colon > 0 && l.substring(0, colon).trim().equals(key)) {
        return l.substring(colon + 1).trim();
      }
    }
    return "unknown";
  }

  /** {@return the CPU's name, family and model} */
  public String cpu() {
    return cpu;
  }

  /** {@return the widest instruction set oneDNN uses on it} */
  public String isa() {
    return isa;
  }

  /** "AMD EPYC (family 25, model 17), oneDNN avx512_core_bf16". */
  @Override
  public String toString() {
    return cpu + ", oneDNN " + isa;
  }
}
