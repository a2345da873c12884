"""DSGD on Fashion-MNIST in PyTorch, in one process, the way papers simulate
decentralized training: a list of n nn.Module replicas, each with its own
torch.optim.SGD (heavy ball: m <- g + beta m, x <- x - lr m), and gossip as
one matrix product W @ X per parameter over the replicas' stacked tensors.
The peer of commsim's bench/learning/*.json and bench/learning_bare.cpp
(docs/performance.md, "Learning: commsim vs bare arithmetic vs PyTorch").

    OMP_NUM_THREADS=1 python3 bench/peers/torch_dsgd.py --model softmax --topology ring

Same arithmetic per round as commsim: 25 nodes; each draws 32 rows of its
shard (Dirichlet alpha 0.1 label skew, redrawn until every shard has a
batch; or, with --split FILE, commsim's split, which
bench/learning_bare.cpp --split-out wrote), takes the mean softmax cross-entropy gradient and a heavy-ball step
(lr 0.05, beta 0.9), then every node mixes with the ring's weights (1/3 for
itself and each neighbour) or the complete graph's (1/n). Softmax regression
starts at zero, the MLP at He weights (LeCun for the output layer), zero
biases, every replica alike. Each node walks through a fresh permutation of
its shard per epoch, 32 rows at a time (what a DataLoader with shuffle=True
and drop_last=True gives, without its per-sample collate cost).

Prints one JSON line: CPU seconds (user + sys, time.process_time) of Python
and torch start-up, of loading and splitting the data, and of the rounds;
train_loss of the replicas' average model on 10,000 seeded training rows (with
--split, commsim's) and its test accuracy.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

STARTUP_CPU_SECONDS = time.process_time()


def read_idx(path, offset):
    with gzip.open(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(data_dir, prefix):
    images = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"), 16)
    labels = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"), 8)
    x = torch.from_numpy(images.reshape(len(labels), -1).astype(np.float32) / 255.0)
    return x, torch.from_numpy(labels.astype(np.int64))


def dirichlet_shards(labels, nodes, alpha, min_rows, rng, draws=1000):
    """Hsu, Qi & Brown (2019) label skew: per class, Dir(alpha) proportions over
    the nodes cut the class's shuffled rows; redrawn until every node has
    min_rows (as FedML does)."""
    for _ in range(draws):
        shards = [[] for _ in range(nodes)]
        for c in np.unique(labels):
            rows = rng.permutation(np.flatnonzero(labels == c))
            cuts = (np.cumsum(rng.dirichlet([alpha] * nodes)) * len(rows)).astype(int)[:-1]
            for shard, part in zip(shards, np.split(rows, cuts)):
                shard.extend(part.tolist())
        if min(len(s) for s in shards) >= min_rows:
            return [torch.tensor(sorted(s), dtype=torch.int64) for s in shards]
    raise RuntimeError("no Dirichlet draw gave every node a batch; raise alpha")


def read_split(path):
    with open(path) as f:
        split = json.load(f)
    return ([torch.tensor(rows, dtype=torch.int64) for rows in split["shards"]],
            torch.tensor(split["eval_rows"], dtype=torch.int64))


def mixing_matrix(topology, nodes):
    if topology == "complete":
        return torch.full((nodes, nodes), 1.0 / nodes)
    if topology == "ring":
        w = torch.zeros(nodes, nodes)
        for i in range(nodes):
            for j in (i - 1, i, i + 1):
                w[i, j % nodes] = 1.0 / 3.0
        return w
    raise ValueError(f"unknown topology {topology}")


def make_model(kind, hidden):
    if kind == "softmax":
        model = nn.Linear(784, 10)
        nn.init.zeros_(model.weight)
    else:
        model = nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 10))
        nn.init.normal_(model[0].weight, std=(2.0 / 784) ** 0.5)
        nn.init.normal_(model[2].weight, std=(1.0 / hidden) ** 0.5)
    for module in model.modules():
        if isinstance(module, nn.Linear):
            nn.init.zeros_(module.bias)
    return model


class Batches:
    """A node's minibatches: a fresh permutation of its shard per epoch."""

    def __init__(self, shard, batch, seed):
        self.shard, self.batch, self.position = shard, batch, len(shard)
        self.generator = torch.Generator().manual_seed(seed)

    def next(self):
        if self.position + self.batch > len(self.shard):
            self.order = self.shard[torch.randperm(len(self.shard), generator=self.generator)]
            self.position = 0
        rows = self.order[self.position:self.position + self.batch]
        self.position += self.batch
        return rows


def evaluate(model, x, y):
    with torch.no_grad():
        scores = model(x)
        return F.cross_entropy(scores, y).item(), (scores.argmax(1) == y).float().mean().item()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=["softmax", "mlp"], default="softmax")
    parser.add_argument("--topology", choices=["ring", "complete"], default="ring")
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--nodes", type=int, default=25)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--momentum", type=float, default=0.9)
    parser.add_argument("--alpha", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--split", help="JSON of the nodes' training rows and the evaluation "
                        "rows (learning_bare --split-out); default: a Dirichlet draw of our own")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)

    load_start = time.process_time()
    x_train, y_train = load(args.data_dir, "train")
    x_test, y_test = load(args.data_dir, "t10k")
    rng = np.random.default_rng(args.seed)
    if args.split:
        shards, eval_rows = read_split(args.split)
        if len(shards) != args.nodes:
            parser.error(f"{args.split} has {len(shards)} shards, not --nodes {args.nodes}")
    else:
        shards = dirichlet_shards(y_train.numpy(), args.nodes, args.alpha, args.batch, rng)
        eval_rows = torch.from_numpy(rng.choice(len(y_train), 10000, replace=False))
    load_cpu_seconds = time.process_time() - load_start

    first = make_model(args.model, args.hidden)
    replicas = [first] + [make_model(args.model, args.hidden) for _ in range(args.nodes - 1)]
    for replica in replicas[1:]:
        replica.load_state_dict(first.state_dict())
    optimizers = [torch.optim.SGD(r.parameters(), lr=args.lr, momentum=args.momentum)
                  for r in replicas]
    batches = [Batches(s, args.batch, args.seed * 1000 + i) for i, s in enumerate(shards)]
    w = mixing_matrix(args.topology, args.nodes)
    # One list per parameter: that parameter of every replica.
    parameter_groups = list(zip(*(list(r.parameters()) for r in replicas)))

    rounds_start = time.process_time()
    for _ in range(args.rounds):
        for replica, optimizer, node_batches in zip(replicas, optimizers, batches):
            rows = node_batches.next()
            optimizer.zero_grad()
            loss = F.cross_entropy(replica(x_train[rows]), y_train[rows])
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            for group in parameter_groups:
                stacked = torch.stack(group)
                mixed = (w @ stacked.view(args.nodes, -1)).view_as(stacked)
                for parameter, value in zip(group, mixed):
                    parameter.copy_(value)
    rounds_cpu_seconds = time.process_time() - rounds_start

    average = make_model(args.model, args.hidden)
    with torch.no_grad():
        for parameter, group in zip(average.parameters(), parameter_groups):
            parameter.copy_(torch.stack(group).mean(0))
    train_loss, _ = evaluate(average, x_train[eval_rows], y_train[eval_rows])
    _, test_accuracy = evaluate(average, x_test, y_test)
    print(json.dumps({"side": "pytorch", "torch": torch.__version__, "model": args.model,
                      "topology": args.topology, "nodes": args.nodes, "rounds": args.rounds,
                      "threads": torch.get_num_threads(),
                      "split": "file" if args.split else "own Dirichlet draw",
                      "startup_cpu_seconds": round(STARTUP_CPU_SECONDS, 4),
                      "load_cpu_seconds": round(load_cpu_seconds, 4),
                      "rounds_cpu_seconds": round(rounds_cpu_seconds, 4),
                      "train_loss": round(train_loss, 6), "test_accuracy": round(test_accuracy, 4)}))


if __name__ == "__main__":
    main()
