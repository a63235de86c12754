"""CLI of the synthetic report generator; see the package docstring."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # `python bench/synth`: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    __package__ = "synth"

from . import FORMATS, __doc__, generate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True, help="number of reports")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help=f"comma-separated formats (default: {','.join(FORMATS)})")
    args = parser.parse_args(argv)
    formats = [f.strip().lstrip(".") for f in args.formats.split(",") if f.strip()]
    if args.count < 0:
        parser.error("--count takes 0 or more")
    try:
        manifest = generate(args.count, args.seed, args.out, formats)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"{len(manifest['reports'])} reports written to {args.out} (seed {args.seed}; "
          f"manifest: {args.out / 'manifest.json'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
