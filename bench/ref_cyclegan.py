#!/usr/bin/python3
"""Reference CPU benchmark of one CycleGAN training step in plain PyTorch, the same networks and step as
GANscope's CycleGanTrainer, for a speed ratio measured in the same run on the same machine:

    /usr/bin/python3 bench/ref_cyclegan.py --res 32 --width 32 --batch 16 --steps 4
    build/bench/bench_image_to_image --model cyclegan --res 32 --width 32 --batch 16 --steps 4

Networks (widths w, 3 channels, random [-1, 1] data of 256 images a domain):
  G, F: ResNet generator - reflect-pad 3, conv 7x7 (w), IN, ReLU; two conv 3x3 s2 (2w, 4w), IN, ReLU; 6 residual
        blocks (reflect-pad 1, conv 3x3, IN, ReLU, reflect-pad 1, conv 3x3, IN; 9 at 256 px); two convT 3x3 s2
        output_padding 1, IN, ReLU; reflect-pad 3, conv 7x7, tanh. InstanceNorm without affine or running stats.
  D_A, D_B: PatchGAN - conv 4x4 s2 (w), LReLU 0.2; for i in 1..n (n = max(1, log2 R - 5)): conv 4x4 (stride 2
        but the last stride 1), IN, LReLU; conv 4x4 s1 to one logit a patch.
One step: G and F on a batch of A and of B - least-squares adversarial terms through both D (frozen), cycle
10 x L1, identity 0.5 x 10 x L1 - one Adam step for both; then both D on real and pooled fakes (pool of 50,
half the time a stored fake), loss halved, one Adam step. Adam 2e-4, betas (0.5, 0.999).
Prints images_per_s = batch / median(step seconds) after 2 untimed steps.
"""
import argparse
import math
import random
import statistics
import time

import torch
import torch.nn as nn


def resnet_generator(w, blocks, ch=3):
    def block(c):
        return nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), nn.InstanceNorm2d(c), nn.ReLU(True),
                             nn.ReflectionPad2d(1), nn.Conv2d(c, c, 3), nn.InstanceNorm2d(c))

    class Res(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.b = block(c)

        def forward(self, x):
            return x + self.b(x)

    layers = [nn.ReflectionPad2d(3), nn.Conv2d(ch, w, 7), nn.InstanceNorm2d(w), nn.ReLU(True)]
    for m in (1, 2):
        layers += [nn.Conv2d(w * m, w * m * 2, 3, 2, 1), nn.InstanceNorm2d(w * m * 2), nn.ReLU(True)]
    layers += [Res(4 * w) for _ in range(blocks)]
    for m in (4, 2):
        layers += [nn.ConvTranspose2d(w * m, w * m // 2, 3, 2, 1, output_padding=1), nn.InstanceNorm2d(w * m // 2),
                   nn.ReLU(True)]
    layers += [nn.ReflectionPad2d(3), nn.Conv2d(w, ch, 7), nn.Tanh()]
    return nn.Sequential(*layers)


def patch_discriminator(w, res, ch=3):
    n = max(1, int(math.ceil(math.log2(res))) - 5)
    width = lambda i: w * min(2 ** i, 8)
    layers = [nn.Conv2d(ch, w, 4, 2, 1), nn.LeakyReLU(0.2, True)]
    for i in range(1, n + 1):
        layers += [nn.Conv2d(width(i - 1), width(i), 4, 2 if i < n else 1, 1), nn.InstanceNorm2d(width(i)),
                   nn.LeakyReLU(0.2, True)]
    layers += [nn.Conv2d(width(n), 1, 4, 1, 1)]
    return nn.Sequential(*layers)


class Pool:
    def __init__(self, size):
        self.size, self.images = size, []

    def query(self, batch):
        out = []
        for img in batch:
            img = img.unsqueeze(0)
            if len(self.images) < self.size:
                self.images.append(img)
                out.append(img)
            elif random.random() < 0.5:
                k = random.randrange(self.size)
                out.append(self.images[k])
                self.images[k] = img
            else:
                out.append(img)
        return torch.cat(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--res", type=int, default=32)
    p.add_argument("--width", type=int, default=64)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--steps", type=int, default=8)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    blocks = 9 if a.res >= 256 else 6
    g, f = resnet_generator(a.width, blocks), resnet_generator(a.width, blocks)
    d_a, d_b = patch_discriminator(a.width, a.res), patch_discriminator(a.width, a.res)
    opt_g = torch.optim.Adam(list(g.parameters()) + list(f.parameters()), 2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(list(d_a.parameters()) + list(d_b.parameters()), 2e-4, betas=(0.5, 0.999))
    data_a = torch.rand(256, 3, a.res, a.res) * 2 - 1
    data_b = torch.rand(256, 3, a.res, a.res) * 2 - 1
    pool_a, pool_b = Pool(50), Pool(50)
    mse = lambda x, t: ((x - t) ** 2).mean()
    times = []
    for step in range(a.steps + 2):
        t0 = time.perf_counter()
        ia, ib = torch.randint(0, 256, (a.batch,)), torch.randint(0, 256, (a.batch,))
        ra, rb = data_a[ia], data_b[ib]
        for d in (d_a, d_b):
            d.requires_grad_(False)
        fb, fa = g(ra), f(rb)
        adv = mse(d_b(fb), 1) + mse(d_a(fa), 1)
        cycle = (f(fb) - ra).abs().mean() + (g(fa) - rb).abs().mean()
        ident = (g(rb) - rb).abs().mean() + (f(ra) - ra).abs().mean()
        opt_g.zero_grad(set_to_none=True)
        (adv + 10 * cycle + 5 * ident).backward()
        opt_g.step()
        for d in (d_a, d_b):
            d.requires_grad_(True)
        pa, pb = pool_a.query(fa.detach()), pool_b.query(fb.detach())
        d_loss = 0.5 * (mse(d_a(ra), 1) + mse(d_a(pa), 0) + mse(d_b(rb), 1) + mse(d_b(pb), 0))
        opt_d.zero_grad(set_to_none=True)
        d_loss.backward()
        opt_d.step()
        if step >= 2:
            times.append(time.perf_counter() - t0)
    print(f"PyTorch {torch.__version__} CycleGAN {a.res} px, widths {a.width}, batch {a.batch}, {a.threads} threads")
    print(f"images_per_s {a.batch / statistics.median(times):.1f}")


if __name__ == "__main__":
    main()
