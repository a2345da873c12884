"""commsim's results in pandas: `load(path, ...)` reads run folders, sweep
folders or folders of them into tidy DataFrames (runs, series, nodes).

    import commsim_results as cr
    res = cr.load("results/topology_x_compressor")
    res.runs.groupby("config")["time_to_target_s"].mean()

Pure Python on pandas (Debian's python3-pandas). Importable from a checkout
with results/ on sys.path, or installed: `pip install ./results`.
"""
from commsim_results.loader import Results, config_of, flatten, load, to_target

__all__ = ["Results", "config_of", "flatten", "load", "to_target"]
__version__ = "0.1.0"
