"""PyTorch reference timings for `npm run bench:vae` (comparison only, never a dependency).

Same architectures and losses as src/lib/vae (plain, masked, MIWAE with K = 20), one training step = forward, backward, Adam.
Prints one JSON object: {"torch": version, "threads": n, "results": [{arch, batch, msPerStep}]}.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

LOG2PI = 1.8378770664093453


class Plain(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1, self.mu, self.lv = nn.Linear(12, 64), nn.Linear(64, 8), nn.Linear(64, 8)
        self.fc2, self.om, self.ol = nn.Linear(8, 64), nn.Linear(64, 12), nn.Linear(64, 12)

    def loss(self, x, m):
        h = F.relu(self.fc1(x))
        mu, lv = self.mu(h), self.lv(h)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        d = F.relu(self.fc2(z))
        mean, olv = self.om(d), self.ol(d)
        nll = 0.5 * (LOG2PI + olv + (x - mean) ** 2 / olv.exp())
        kl = -0.5 * (1 + lv - mu ** 2 - lv.exp()).sum(1)
        return nll.sum(1).mean() + kl.mean()


class Masked(nn.Module):
    def __init__(self):
        super().__init__()
        self.fill = nn.Parameter(torch.zeros(12))
        self.fx, self.m1, self.m2 = nn.Linear(12, 64), nn.Linear(12, 64), nn.Linear(64, 64)
        self.mu, self.lv = nn.Linear(64, 12), nn.Linear(64, 12)
        self.fc2, self.om, self.ol = nn.Linear(12, 64), nn.Linear(64, 12), nn.Linear(64, 12)
        self.drop = nn.Dropout(0.2)

    def loss(self, x, m):
        xf = x * m + self.fill * (1 - m)
        h = self.drop(F.silu(self.fx(xf))) + self.m2(F.silu(self.m1(m)))
        mu, lv = self.mu(h), self.lv(h)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        d = self.drop(F.silu(self.fc2(z)))
        mean, olv = self.om(d), torch.clamp(self.ol(d), -5, 5)
        nll = 0.5 * (LOG2PI + olv + (x - mean) ** 2 / olv.exp()) * m
        kl = -0.5 * (1 + lv - mu ** 2 - lv.exp()).sum(1)
        return (nll.sum(1) / m.sum(1).clamp(min=1)).mean() + kl.mean()


class Miwae(nn.Module):
    """The masked VAE's sizes, zero-filled inputs, no dropout; the K-sample importance-weighted bound."""

    K = 20

    def __init__(self):
        super().__init__()
        self.fx, self.m1, self.m2 = nn.Linear(12, 64), nn.Linear(12, 64), nn.Linear(64, 64)
        self.mu, self.lv = nn.Linear(64, 12), nn.Linear(64, 12)
        self.fc2, self.om, self.ol = nn.Linear(12, 64), nn.Linear(64, 12), nn.Linear(64, 12)

    def loss(self, x, m):
        h = F.silu(self.fx(x * m)) + self.m2(F.silu(self.m1(m)))
        mu, lv = self.mu(h), self.lv(h)
        eps = torch.randn(self.K, *mu.shape)
        z = mu + torch.exp(0.5 * lv) * eps  # K × B × L
        d = F.silu(self.fc2(z))
        mean, olv = self.om(d), torch.clamp(self.ol(d), -5, 5)
        logp = -(0.5 * (LOG2PI + olv + (x - mean) ** 2 / olv.exp()) * m).sum(-1)
        logw = logp + 0.5 * (lv + eps ** 2 - z ** 2).sum(-1)
        return -(torch.logsumexp(logw, 0) - torch.log(torch.tensor(float(self.K)))).mean()


def time_steps(model, batch, steps, repeats):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(batch, 12)
    m = (torch.rand(batch, 12) > 0.2).float()

    def step():
        loss = model.loss(x, m)
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(50):
        step()
    runs = []
    for _ in range(repeats):
        t = time.perf_counter()
        for _ in range(steps):
            step()
        runs.append((time.perf_counter() - t) / steps * 1000)
    runs.sort()
    return runs[len(runs) // 2]


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else torch.get_num_threads()
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    results = []
    for arch, cls in (("plain", Plain), ("masked", Masked), (f"miwae K={Miwae.K}", Miwae)):
        for batch in (32, 256):
            results.append({"arch": arch, "batch": batch, "msPerStep": time_steps(cls().train(), batch, 300, 3)})
    print(json.dumps({"torch": torch.__version__, "threads": threads, "results": results}))


if __name__ == "__main__":
    main()
