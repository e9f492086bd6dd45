#!/usr/bin/env bash
# The own-data walk-through: MNIST written as .npy files (as a user's data would be), trained from
# vae.pbtxt, then evaluated, scored and sampled. Usage: examples/own-data/run.sh MNIST_DIR
# (the folder of MNIST's IDX .gz files, e.g. ../shared/data/mnist). Needs python3 with numpy to
# write the files; everything after that is the project's own commands.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
mnist="$(cd "${1:?usage: run.sh MNIST_DIR}" && pwd)"
cd "$here"
python3 - "$mnist" <<'PY'
import gzip, sys
import numpy as np
def images(name):
    return np.frombuffer(gzip.open(f"{sys.argv[1]}/{name}").read()[16:], np.uint8).reshape(-1, 28, 28)
np.save("train.npy", images("train-images-idx3-ubyte.gz"))
test = images("t10k-images-idx3-ubyte.gz")
np.save("test.npy", test)
np.save("new.npy", test[:1000])
PY
cd "$root"
time src/bin/tfvae-train "$here/vae.pbtxt" --export "$here/runs/my-vae" --quiet
time tools/bin/tfvae eval "$here/runs/my-vae" --iw 1,100 --quiet
time tools/bin/tfvae eval "$here/runs/my-vae" --split valid --quiet
time tools/bin/tfvae score "$here/runs/my-vae" --data "$here/new.npy" --iw 100 --out "$here/runs/scores.csv" --quiet
tools/bin/tfvae sample "$here/runs/my-vae" --out "$here/samples.png" --rows 4 --cols 10 --scale 2
echo "the four examples of new.npy least likely under the model (index, -IWAE-100, NELBO, KL, Rec):"
sort -t, -k2 -g -r "$here/runs/scores.csv" | head -4
