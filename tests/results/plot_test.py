#!/usr/bin/env python3
"""End-to-end test of results/plot.py on a small sweep: PNG and SVG files
exist, and the PNG is not blank. Usage: plot_test.py COMMSIM SOURCE_DIR"""
import json
import pathlib
import subprocess
import sys
import tempfile

import matplotlib.image

commsim, source = sys.argv[1], pathlib.Path(sys.argv[2])
with tempfile.TemporaryDirectory() as folder:
    folder = pathlib.Path(folder)
    sweep = {
        "base": {"nodes": 8, "task": {"kind": "consensus", "dim": 20},
                 "link": {"model": "affine_bit", "bandwidth_bps": 1e6}, "stop": {"rounds": 12}},
        "grid": {"topology.kind": ["ring", "one_peer_exponential"]},
        "repeat": 2,
    }
    (folder / "sweep.json").write_text(json.dumps(sweep))
    subprocess.run([commsim, "sweep", folder / "sweep.json", "--quiet", "--out", folder / "out"], check=True)
    for x_axis, suffix in [("rounds", "png"), ("time", "svg"), ("bits", "png"), ("energy", "png")]:
        output = folder / f"figure-{x_axis}.{suffix}"
        subprocess.run([sys.executable, source / "results" / "plot.py", folder / "out", "--x", x_axis,
                        "-o", output], check=True)
        assert output.stat().st_size > 5000, f"{output} is suspiciously small"
    pixels = matplotlib.image.imread(folder / "figure-rounds.png")
    assert pixels.std() > 0.01, "the PNG is blank"
    # Two configurations, two seeds each: two lines, labelled without seed or hash.
    result = subprocess.run([sys.executable, source / "results" / "plot.py", folder / "out", "--y", "nonsense",
                             "-o", folder / "x.png"], capture_output=True, text=True)
    assert result.returncode != 0 and "no such column" in result.stderr, result.stderr
print("1 passed, 0 failed")
