#!/usr/bin/env python3
"""Runs the Python code blocks of a Markdown page in order, like a notebook,
and writes what each printed into the ```text block that follows it (added
when missing, removed when the code prints nothing), so that a page's output
is always what its code gives today.

    /usr/bin/python3 results/run_doc_page.py docs/results-in-pandas.md

The code runs from the repository's top folder with results/ importable;
figures are whatever the code saves. A failing block stops with its error and
leaves the page unchanged.
"""
import contextlib
import io
import os
import pathlib
import re
import sys
import tempfile

BLOCK = re.compile(r"```python\n(.*?)```\n(?:\n```text\n.*?```\n)?", re.DOTALL)


def run_page(page):
    text = page.read_text()
    namespace = {"__name__": "__doc_page__"}
    pieces, position = [], 0
    for number, match in enumerate(BLOCK.finditer(text), start=1):
        code = match.group(1)
        output = io.StringIO()
        try:
            with contextlib.redirect_stdout(output):
                exec(compile(code, f"{page}:block {number}", "exec"), namespace)
        except Exception as error:
            sys.exit(f"run_doc_page.py: {page}: block {number} failed: {type(error).__name__}: {error}")
        pieces.append(text[position:match.start()])
        pieces.append(f"```python\n{code}```\n")
        printed = output.getvalue()
        if printed:
            pieces.append(f"\n```text\n{printed.rstrip()}\n```\n")
        position = match.end()
    pieces.append(text[position:])
    new_text = "".join(pieces)
    with tempfile.NamedTemporaryFile("w", dir=page.parent, delete=False, suffix=".tmp") as temporary:
        temporary.write(new_text)
    os.replace(temporary.name, page)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    page = pathlib.Path(sys.argv[1]).resolve()
    top = pathlib.Path(__file__).resolve().parent.parent
    os.chdir(top)
    sys.path.insert(0, str(top / "results"))
    run_page(page)


if __name__ == "__main__":
    main()
