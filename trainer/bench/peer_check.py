#!/usr/bin/python3
"""PyTorch peer of the Java StepBenchmark: the same critic and generator steps, timed the same way.

The networks mirror trainer/src/main/java/dev/text2pose/trainer/model: HeatmapGenerator and Critic, with every
convolution run through ChannelPadding's arithmetic (channels zero-padded to multiples of 16, output narrowed back),
so shapes and FLOPs are the Java trainer's. The steps mirror Trainer.criticStep and Trainer.generatorStep with the
`cpu` preset of stage cond: batch 64, lambda 150, a = 1, Adam(lr 4e-4, betas (0, 0.9)), real heatmaps in [0, 1]
rendered every critic step, fakes for the critic made without a graph, the joint heatmap-and-text Lipschitz penalty
by second-order autograd, and the interpolated-text generator term. The EMA of G is left out on both sides.

Caveat: Debian 12's python3-torch is 1.13.1 (oneDNN 2.6.3, reference BLAS, ATen kernels at AVX2), against
libtorch 2.10.0 (oneDNN 3.7.1, OpenBLAS, AVX-512) in the Java build. Torch 1.13 runs transposed convolutions through
slow_conv_transpose2d (im2col and the system BLAS), not oneDNN: G's forward pass alone (batch 64) took about 1.5 s
here against 0.25 s in Java, so G-heavy work (the fakes of every critic step, all of the generator step) favours Java.
The critic's own forward and backward passes run on oneDNN in both and are the like-for-like part.

Run by trainer/bench/peer-check.sh with Debian's /usr/bin/python3 and python3-torch. Modes:
  peer_check.py [--threads 1] [--warmup 3] [--steps 10] [--batch 64]   one line of key=value pairs, as the Java one
  peer_check.py --table FILE      the comparison table over the lines in FILE (several runs of each peer)
  peer_check.py --check-channels  float32 against float64 for the layers ChannelPadding pads, here without padding
"""
import argparse
import math
import re
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

NOISE, TEXT, COMPRESSED, KEYPOINTS, SIZE, SLOPE, MULTIPLE = 128, 384, 128, 17, 64, 0.2, 16
LAMBDA, MISMATCH, LR, BETAS, TEXT_SCALE, SIGMA = 150.0, 1.0, 4e-4, (0.0, 0.9), 15.0, 2.0
CRITIC_STEPS_PER_UPDATE = 5
TEMPLATE = [(32, 8), (30, 6), (34, 6), (28, 7), (36, 7), (24, 16), (40, 16), (22, 26), (42, 26), (21, 35),
            (43, 35), (27, 36), (37, 36), (27, 48), (37, 48), (27, 60), (37, 60)]


def round_up(channels):
    return (channels + MULTIPLE - 1) // MULTIPLE * MULTIPLE


def padded(op, transposed, x, weight, stride, padding):
    """ChannelPadding: pad the input and output channels to multiples of 16, run op, narrow the output back.
    A conv weight is [out, in, k, k], a transposed one [in, out, k, k]."""
    inp, out = (weight.shape[0], weight.shape[1]) if transposed else (weight.shape[1], weight.shape[0])
    pad_in, pad_out = round_up(inp) - inp, round_up(out) - out
    x = x if pad_in == 0 else F.pad(x, (0, 0, 0, 0, 0, pad_in))
    dim1, dim0 = (pad_out, pad_in) if transposed else (pad_in, pad_out)
    w = weight if pad_in == 0 and pad_out == 0 else F.pad(weight, (0, 0, 0, 0, 0, dim1, 0, dim0))
    y = op(x, w, None, stride, padding)
    return y if pad_out == 0 else y.narrow(1, 0, out)


def conv2d(x, weight, stride, padding):
    return padded(F.conv2d, False, x, weight, stride, padding)


def conv_transpose2d(x, weight, stride, padding):
    return padded(F.conv_transpose2d, True, x, weight, stride, padding)


def paper_linear(inp, out):
    linear = nn.Linear(inp, out)
    with torch.no_grad():
        linear.weight.normal_(0.0, math.sqrt(2.0 / inp))
        linear.bias.normal_(0.0, 0.02)
    return linear


def paper_weight(*shape):
    return nn.Parameter(torch.empty(*shape).normal_(0.0, 0.02))


class Generator(nn.Module):
    """HeatmapGenerator, conditional: [noise, LeakyReLU(Linear(text))] as 256x1x1, five deconvs, BN+ReLU, Tanh."""
    LAYERS = [(NOISE + COMPRESSED, 256, 1, 0), (256, 128, 2, 1), (128, 64, 2, 1), (64, 32, 2, 1), (32, KEYPOINTS, 2, 1)]

    def __init__(self):
        super().__init__()
        self.text = paper_linear(TEXT, COMPRESSED)
        self.deconvs = nn.ParameterList([paper_weight(i, o, 4, 4) for i, o, _, _ in self.LAYERS])
        self.norms = nn.ModuleList([nn.BatchNorm2d(o) for _, o, _, _ in self.LAYERS[:-1]])
        with torch.no_grad():
            for norm in self.norms:
                norm.weight.normal_(1.0, 0.02)
                norm.bias.normal_(0.0, 0.02)

    def forward(self, noise, text):
        x = torch.cat([noise, F.leaky_relu(self.text(text), SLOPE)], 1)
        x = x.reshape(x.shape[0], x.shape[1], 1, 1)
        for i, (_, _, stride, padding) in enumerate(self.LAYERS):
            x = conv_transpose2d(x, self.deconvs[i], stride, padding)
            x = torch.relu(self.norms[i](x)) if i < len(self.norms) else torch.tanh(x)
        return x


class Critic(nn.Module):
    """Critic, conditional: four k4 s2 convs with LeakyReLU, tiled text, 1x1 join to 256, 4x4 score; no norms."""
    CHANNELS = [KEYPOINTS, 32, 64, 128, 256]

    def __init__(self):
        super().__init__()
        self.convs = nn.ParameterList([paper_weight(o, i, 4, 4) for i, o in zip(self.CHANNELS, self.CHANNELS[1:])])
        self.text = paper_linear(TEXT, COMPRESSED)
        self.join = paper_weight(256, 256 + COMPRESSED, 1, 1)
        self.score = paper_weight(1, 256, 4, 4)

    def forward(self, heatmaps, text):
        x = heatmaps
        for weight in self.convs:
            x = F.leaky_relu(conv2d(x, weight, 2, 1), SLOPE)
        t = F.leaky_relu(self.text(text), SLOPE)
        n = t.shape[0]
        x = torch.cat([x, t.reshape(n, COMPRESSED, 1, 1).expand(n, COMPRESSED, 4, 4)], 1)
        x = F.leaky_relu(conv2d(x, self.join, 1, 0), SLOPE)
        return conv2d(x, self.score, 1, 0).reshape(-1)


def render(x, y, labelled):
    """HeatmapRenderer (range [0, 1], the cpu preset): separable sigma-2 Gaussians, unlabelled channels 0."""
    grid = torch.arange(SIZE, dtype=torch.float32)
    gx = torch.exp(-(grid - x.unsqueeze(-1)) ** 2 / (2 * SIGMA ** 2)) * labelled.unsqueeze(-1)
    gy = torch.exp(-(grid - y.unsqueeze(-1)) ** 2 / (2 * SIGMA ** 2))
    return gy.unsqueeze(-1) * gx.unsqueeze(-2)


def unit_text(n):
    v = torch.randn(n, TEXT)
    return v / v.norm(dim=1, keepdim=True) * TEXT_SCALE


def lipschitz_penalty(critic, real, fake, text, epsilon):
    """WganLosses.lipschitzPenalty: max(0, ||grad_(x_hat, t) D(x_hat, t)|| - 1)^2, norm over both inputs."""
    n = real.shape[0]
    e = epsilon.reshape(n, 1, 1, 1)
    x_hat = (e * real + (1 - e) * fake).detach().requires_grad_(True)
    t_hat = text.detach().requires_grad_(True)
    gx, gt = torch.autograd.grad(critic(x_hat, t_hat).sum(), [x_hat, t_hat], create_graph=True)
    squared = gx.reshape(n, -1).pow(2).sum(1) + gt.reshape(n, -1).pow(2).sum(1)
    norm = (squared + 1e-12).sqrt()
    return (norm - 1).clamp_min(0).pow(2).mean(), norm.detach().mean()


def critic_step(g, d, adam, batch):
    """Trainer.criticStep: L_D = D(G(z,t),t) + a*D(x,t_mis) - (1+a)*D(x,t) + lambda*penalty, one pass of D."""
    n = batch["noise"].shape[0]
    real = render(batch["x"], batch["y"], batch["labelled"])
    text = batch["text"]
    with torch.no_grad():
        fake = g(batch["noise"], text)
    adam.zero_grad(set_to_none=True)
    scores = d(torch.cat([fake, real, real]), torch.cat([text, text, batch["mismatched"]]))
    d_fake, d_real, d_mis = scores[:n].mean(), scores[n:2 * n].mean(), scores[2 * n:].mean()
    adversarial = d_fake + MISMATCH * d_mis - (1 + MISMATCH) * d_real
    penalty, mean_norm = lipschitz_penalty(d, real, fake, text, batch["epsilon"])
    loss = adversarial + LAMBDA * penalty
    loss.backward()
    adam.step()
    d_real.item(), d_fake.item(), d_mis.item(), penalty.item(), mean_norm.item()  # as the Java step reads them
    return loss.item()


def generator_step(g, d, adam, batch):
    """Trainer.generatorStep: L_G = -[D(G(z,t),t) + D(G(z2,t_int),t_int)], D's weights frozen."""
    for p in d.parameters():
        p.requires_grad_(False)
    try:
        adam.zero_grad(set_to_none=True)
        loss = -d(g(batch["noise"], batch["text"]), batch["text"]).mean()
        loss = loss - d(g(batch["noise2"], batch["interpolated"]), batch["interpolated"]).mean()
        loss.backward()
        adam.step()
        return loss.item()
    finally:
        for p in d.parameters():
            p.requires_grad_(True)


def fixed_batch(n):
    """Synthetic inputs like the Java fixtures: jittered standing poses (10 % unlabelled), unit captions x15."""
    template = torch.tensor(TEMPLATE, dtype=torch.float32)
    xy = template + torch.randn(n, KEYPOINTS, 2) * 2
    a, b = unit_text(n), unit_text(n)
    return {"x": xy[..., 0], "y": xy[..., 1], "labelled": (torch.rand(n, KEYPOINTS) > 0.1).float(),
            "text": unit_text(n), "mismatched": unit_text(n), "noise": torch.randn(n, NOISE),
            "noise2": torch.randn(n, NOISE), "epsilon": torch.rand(n), "interpolated": 0.5 * a + 0.5 * b}


def median_millis(warmup, steps, step):
    millis = []
    for i in range(warmup + steps):
        start = time.perf_counter()
        step()
        if i >= warmup:
            millis.append((time.perf_counter() - start) * 1e3)
    return statistics.median(millis)


def benchmark(args):
    torch.manual_seed(0)
    torch.set_num_threads(args.threads)
    g, d = Generator().train(), Critic().train()
    adam_g = torch.optim.Adam(g.parameters(), lr=LR, betas=BETAS)
    adam_d = torch.optim.Adam(d.parameters(), lr=LR, betas=BETAS)
    batch = fixed_batch(args.batch)
    losses = {}
    critic_ms = median_millis(args.warmup, args.steps,
                              lambda: losses.__setitem__("critic", critic_step(g, d, adam_d, batch)))
    generator_ms = median_millis(args.warmup, args.steps,
                                 lambda: losses.__setitem__("generator", generator_step(g, d, adam_g, batch)))
    onednn = re.search(r"MKL-DNN v([0-9.]+)", torch.__config__.show())
    print(f"peer=python torch={torch.__version__} onednn={onednn.group(1) if onednn else 'none'} "
          f"threads={args.threads} batch={args.batch} warmup={args.warmup} steps={args.steps} "
          f"critic_ms={critic_ms:.1f} generator_ms={generator_ms:.1f} critic_loss={losses['critic']:.4g} "
          f"generator_loss={losses['generator']:.4g}", flush=True)


def table(path):
    """Per peer the median over its runs of each run's median; the ratio Java / Python per step and per update."""
    runs = {}
    with open(path) as lines:
        for line in lines:
            fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
            if "peer" in fields:
                runs.setdefault(fields["peer"], []).append(fields)
    med = {peer: {key: statistics.median(float(r[key]) for r in rs) for key in ("critic_ms", "generator_ms")}
           for peer, rs in runs.items()}
    for m in med.values():
        m["update_ms"] = CRITIC_STEPS_PER_UPDATE * m["critic_ms"] + m["generator_ms"]
    print(f"{'':22}{'critic step ms':>16}{'generator step ms':>19}{'update ms (5c+1g)':>19}")
    for peer in ("java", "python"):
        r = runs[peer][0]
        label = f"{peer} {r['torch']} ({len(runs[peer])}x)"
        print(f"{label:22}" + "".join(f"{med[peer][k]:{w}.1f}" for k, w in
                                       (("critic_ms", 16), ("generator_ms", 19), ("update_ms", 19))))
    ratio = {k: med["java"][k] / med["python"][k] for k in ("critic_ms", "generator_ms", "update_ms")}
    print(f"{'java / python':22}{ratio['critic_ms']:16.3f}{ratio['generator_ms']:19.3f}{ratio['update_ms']:19.3f}"
          f"   target <= 1.05: {'met' if ratio['update_ms'] <= 1.05 else 'NOT met'}")
    if int(runs["python"][0]["torch"].split(".")[0]) < 2:
        print("note: torch 1.x has no oneDNN transposed convolution (slow_conv_transpose2d on the system BLAS),\n"
              "      so G's passes, in both steps, are not like for like; see peer_check.py's docstring")


def check_channels():
    """Relative L2 error of float32 against float64 for the layers ChannelPadding pads, here unpadded."""
    torch.manual_seed(0)
    cases = [("conv 17->32 k4 s2 forward", lambda x, w: F.conv2d(x, w, None, 2, 1), (16, 17, 64, 64), (32, 17, 4, 4)),
             ("conv 256->1 k4 forward", lambda x, w: F.conv2d(x, w, None, 1, 0), (16, 256, 4, 4), (1, 256, 4, 4)),
             ("deconv 32->17 k4 s2", lambda x, w: F.conv_transpose2d(x, w, None, 2, 1), (16, 32, 32, 32),
              (32, 17, 4, 4))]
    for name, op, x_shape, w_shape in cases:
        x, w = torch.randn(x_shape, requires_grad=True), (torch.randn(w_shape) * 0.02).requires_grad_(True)
        xd, wd = x.detach().double().requires_grad_(True), w.detach().double().requires_grad_(True)
        y, yd = op(x, w), op(xd, wd)
        r = torch.randn(yd.shape, dtype=torch.float64)
        gx, gw = torch.autograd.grad((y * r.float()).sum(), [x, w])
        gxd, gwd = torch.autograd.grad((yd * r).sum(), [xd, wd])
        errors = [(a.double() - b).norm().item() / b.norm().item() for a, b in ((y, yd), (gx, gxd), (gw, gwd))]
        print(f"{name:28} output {errors[0]:.1e}  input grad {errors[1]:.1e}  weight grad {errors[2]:.1e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--table", metavar="FILE", help="print the comparison of the runs in FILE and exit")
    parser.add_argument("--check-channels", action="store_true", help="float32 vs float64 for unpadded layers")
    args = parser.parse_args()
    if args.table:
        table(args.table)
    elif args.check_channels:
        check_channels()
    else:
        benchmark(args)


if __name__ == "__main__":
    main()
