#!/usr/bin/env python3
"""End-to-end test of results/datacenter_study.py on a small datacenter
sweep (16 workers, racks of 4): the seconds per epoch it prints follow the
bounds the fabric must respect. Usage: datacenter_study_test.py COMMSIM SOURCE_DIR"""
import json
import pathlib
import subprocess
import sys
import tempfile

commsim, source = sys.argv[1], pathlib.Path(sys.argv[2])
sys.path.insert(0, str(source / "results"))
import datacenter_study  # noqa: E402

shipped = json.loads((source / "scenarios" / "datacenter.json").read_text())
with tempfile.TemporaryDirectory() as folder:
    folder = pathlib.Path(folder)
    sweep = dict(shipped)
    sweep["base"] = dict(shipped["base"], stop={"rounds": 4})
    sweep["grid"] = {
        "nodes": [16],
        "network": [{"medium": {"kind": "fabric", "fabric": "single_switch"}}] + [
            {"medium": {"kind": "fabric", "fabric": "racks", "hosts_per_rack": 4,
                        "oversubscription": ratio}} for ratio in (1, 4)],
    }
    (folder / "sweep.json").write_text(json.dumps(sweep))
    subprocess.run([commsim, "sweep", folder / "sweep.json", "--quiet", "--out", folder / "out"],
                   check=True)
    frame = datacenter_study.load(folder / "out", 1281167)
    seconds = frame.set_index(["fabric", "method"])["s_per_epoch"]
    model_bits = 25557032 * 32
    rounds_per_epoch = 1281167 / (16 * 32)
    for fabric in ("single_switch", "racks 1:1", "racks 4:1"):
        # Incast: the server's NIC receives 16 models and sends 16 each round.
        incast = 2 * 16 * model_bits / 1e10 * rounds_per_epoch
        assert seconds[fabric, "parameter server"] >= incast, (fabric, seconds[fabric, "parameter server"])
        # All-reduce: every NIC sends 2 (n - 1) / n models per round.
        allreduce = 2 * 15 / 16 * model_bits / 1e10 * rounds_per_epoch
        assert allreduce <= seconds[fabric, "ring all-reduce"] <= 1.1 * allreduce
    # 1:1 racks are non-blocking; 4:1 uplinks slow the long-range exponential graph.
    for method in set(frame["method"]):
        assert abs(seconds["racks 1:1", method] / seconds["single_switch", method] - 1) < 1e-3, method
    assert seconds["racks 4:1", "DSGD exponential"] > 1.5 * seconds["racks 1:1", "DSGD exponential"]
    subprocess.run([sys.executable, source / "results" / "datacenter_study.py", folder / "out",
                    "--plot", folder / "dc.png"], check=True, capture_output=True)
    assert (folder / "dc.png").stat().st_size > 5000
print("1 passed, 0 failed")
