"""The measuring stick of src/bin/tfvae-bench --peer: a plain PyTorch implementation of the same
VAE / GMVAE (CS236 homework 2 networks: 784-300-300-2z ELU encoder, z-300-300-784 ELU decoder,
Bernoulli logits, Adam 1e-3, batch re-binarized every step; GMVAE: k-component learned mixture
prior) and conv VAE (model-defs/conv-vae.pbtxt: two stride-2 3x3 convolutions of 32 and 64
channels, z = 32, two stride-2 3x3 transposed convolutions of 32 channels, a 3x3 output
convolution). It is not part of the project: Debian's python3-torch (OpenBLAS) runs it.

OpenBLAS 0.3.21 does not recognise some current CPUs and silently falls back to its Prescott (SSE3)
kernels, several times slower. Before importing torch the script asks OpenBLAS which core it
picked (OPENBLAS_VERBOSE=2); on a fallback it re-runs itself with OPENBLAS_CORETYPE set to the
fastest core type the CPU's flags allow, and reports the core it ran with.

Prints one JSON object: median ms per training step for each batch size (best over the thread
settings tried), IWAE-m throughput in image-samples per second, the settings that won, the BLAS
core and the peak resident memory.
"""
import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import time

# OpenBLAS's generic fallbacks: a CPU with AVX2 or AVX-512 should never run these.
FALLBACK_CORES = {"prescott", "katmai", "coppermine", "northwood", "core2", "penryn", "dunnington",
                  "nehalem", "atom", "unknown"}


def blas_core(env):
    """The core type OpenBLAS picks when torch loads under env ('' if it says nothing)."""
    probe = subprocess.run([sys.executable, "-c", "import torch"], env={**env, "OPENBLAS_VERBOSE": "2"},
                           capture_output=True, text=True)
    for line in (probe.stderr + probe.stdout).splitlines():
        if line.startswith("Core:"):
            return line.split(":", 1)[1].strip()
    return ""


def best_core_type():
    """The fastest OpenBLAS core type this CPU's flags allow (Linux /proc/cpuinfo)."""
    try:
        with open("/proc/cpuinfo") as f:
            flags = set(next(l for l in f if l.startswith("flags")).split(":", 1)[1].split())
    except (OSError, StopIteration):
        return None
    if "avx512_bf16" in flags:
        return "COOPERLAKE"
    if "avx512f" in flags:
        return "SKYLAKEX"
    if "avx2" in flags:
        return "HASWELL"
    return None


def ensure_fast_blas():
    """Re-runs this script with OPENBLAS_CORETYPE set when OpenBLAS fell back to a generic core."""
    if os.environ.get("TFVAE_PEER_BLAS_CHECKED"):
        return os.environ.get("TFVAE_PEER_BLAS_CORE", "")
    env = {**os.environ, "TFVAE_PEER_BLAS_CHECKED": "1"}
    core = blas_core(env)
    if core.lower() in FALLBACK_CORES and "OPENBLAS_CORETYPE" not in os.environ:
        chosen = best_core_type()
        if chosen:
            env["OPENBLAS_CORETYPE"] = chosen
            core = blas_core(env)
            print(f"pytorch_peer: OpenBLAS fell back to a generic core; running with "
                  f"OPENBLAS_CORETYPE={chosen} ({core})", file=sys.stderr)
    env["TFVAE_PEER_BLAS_CORE"] = core
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


BLAS_CORE = ensure_fast_blas()

import torch  # noqa: E402  (after the BLAS check, which must run before OpenBLAS loads)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402


def mlp(sizes):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ELU())
    return nn.Sequential(*layers)


def log_normal(x, m, v):
    return -0.5 * (math.log(2 * math.pi) + torch.log(v) + (x - m) ** 2 / v).sum(-1)


class ConvEncoder(nn.Module):
    def __init__(self, z):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 32, 3, stride=2, padding=1), nn.ELU(),
            nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ELU(),
            nn.Flatten(), nn.Linear(7 * 7 * 64, 2 * z))

    def forward(self, x):
        return self.net(x.reshape(-1, 1, 28, 28))


class ConvDecoder(nn.Module):
    def __init__(self, z):
        super().__init__()
        self.input = nn.Sequential(nn.Linear(z, 7 * 7 * 64), nn.ELU())
        self.net = nn.Sequential(
            nn.ConvTranspose2d(64, 32, 3, stride=2, padding=1, output_padding=1), nn.ELU(),
            nn.ConvTranspose2d(32, 32, 3, stride=2, padding=1, output_padding=1), nn.ELU(),
            nn.Conv2d(32, 1, 3, padding=1))

    def forward(self, z):
        lead = z.shape[:-1]
        h = self.input(z).reshape(-1, 64, 7, 7)
        return self.net(h).reshape(*lead, 784)


class Model(nn.Module):
    def __init__(self, z=10, k=0, conv=False):
        super().__init__()
        self.z, self.k = z, k
        self.enc = ConvEncoder(z) if conv else mlp([784, 300, 300, 2 * z])
        self.dec = ConvDecoder(z) if conv else mlp([z, 300, 300, 784])
        if k:
            self.z_pre = nn.Parameter(torch.randn(1, 2 * k, z) / math.sqrt(k * z))

    def posterior(self, x):
        h = self.enc(x)
        m, hv = torch.split(h, self.z, dim=-1)
        return m, F.softplus(hv) + 1e-8

    def log_prior(self, z):
        if not self.k:
            return log_normal(z, torch.zeros_like(z), torch.ones_like(z))
        m, hv = torch.split(self.z_pre, self.k, dim=1)
        v = F.softplus(hv) + 1e-8
        lp = log_normal(z.unsqueeze(-2), m.squeeze(0), v.squeeze(0))  # [..., k]
        return torch.logsumexp(lp, -1) - math.log(self.k)

    def nelbo(self, x):
        m, v = self.posterior(x)
        z = m + v.sqrt() * torch.randn_like(m)
        rec = F.binary_cross_entropy_with_logits(self.dec(z), x, reduction="none").sum(-1)
        if self.k:
            kl = log_normal(z, m, v) - self.log_prior(z)
        else:
            kl = 0.5 * (v + m * m - 1 - torch.log(v)).sum(-1)
        return (rec + kl).mean()

    def niwae(self, x, iw):
        m, v = self.posterior(x)
        z = m + v.sqrt() * torch.randn(iw, *m.shape)
        logits = self.dec(z)
        log_px = -F.binary_cross_entropy_with_logits(logits, x.expand(iw, *x.shape), reduction="none").sum(-1)
        log_w = log_px + self.log_prior(z) - log_normal(z, m, v)
        return -(torch.logsumexp(log_w, 0) - math.log(iw))


def train_ms(model_kw, batch, steps, warmup, data):
    model = Model(**model_kw)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = data.shape[0]
    times = []
    for step in range(warmup + steps):
        idx = torch.randint(0, n, (batch,))
        x = torch.bernoulli(data[idx])
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = model.nelbo(x)
        loss.backward()
        opt.step()
        if step >= warmup:
            times.append(time.perf_counter() - t0)
    # Median of 100-step windows, as the Java side reports.
    windows = [sum(times[i:i + 100]) / len(times[i:i + 100]) for i in range(0, len(times), 100)]
    return 1000 * statistics.median(windows)


def eval_rate(model_kw, iw, images, budget, data):
    model = Model(**model_kw)
    per_call = max(1, min(1000, budget // iw))
    x = torch.bernoulli(data[:images])
    with torch.no_grad():
        model.niwae(x[:per_call], iw)  # warm-up
        t0 = time.perf_counter()
        for s in range(0, images, per_call):
            model.niwae(x[s:s + per_call], iw)
        sec = time.perf_counter() - t0
    return images * iw / sec


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="vae", choices=["vae", "gmvae", "conv-vae"])
    p.add_argument("--batches", default="25,100,400")
    p.add_argument("--steps", type=int, default=500)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--iw", default="1,10,100,1000")
    p.add_argument("--eval-images", type=int, default=1000)
    p.add_argument("--budget", type=int, default=25000)
    a = p.parse_args()
    torch.manual_seed(0)
    data = torch.rand(60000, 784)
    if a.model == "conv-vae":
        kw = {"z": 32, "conv": True}
    else:
        kw = {"z": 10, "k": 500 if a.model == "gmvae" else 0}
    out = {"torch": torch.__version__, "model": a.model, "blas_core": BLAS_CORE, "train_ms": {},
           "train_threads": {}, "iwae_rate": {}, "iwae_threads": {}}
    thread_settings = [int(t) for t in a.threads.split(",")]
    for b in [int(s) for s in a.batches.split(",")]:
        best = None
        for t in thread_settings:
            torch.set_num_threads(t)
            ms = train_ms(kw, b, a.steps, a.warmup, data)
            if best is None or ms < best[0]:
                best = (ms, t)
        out["train_ms"][str(b)] = best[0]
        out["train_threads"][str(b)] = best[1]
    for m in [int(s) for s in a.iw.split(",")]:
        images = min(a.eval_images, 200) if m >= 1000 else a.eval_images
        best = None
        for t in thread_settings:
            torch.set_num_threads(t)
            r = eval_rate(kw, m, images, a.budget, data)
            if best is None or r > best[0]:
                best = (r, t)
        out["iwae_rate"][str(m)] = best[0]
        out["iwae_threads"][str(m)] = best[1]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
