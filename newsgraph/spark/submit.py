"""Entry point for ``spark-submit`` on a cluster.

    spark-submit --master yarn --archives newsgraph-env.tar.gz#env \\
        --conf spark.pyspark.python=./env/bin/python \\
        newsgraph/spark/submit.py INPUT... OUTPUT

See the README section "Spark" for packing the environment (model included).
"""

from __future__ import annotations

import json
import sys

from newsgraph.config import load_config
from newsgraph.spark.job import run_spark_analyze


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: submit.py INPUT... OUTPUT", file=sys.stderr)
        return 2
    *inputs, output = argv
    print(json.dumps(run_spark_analyze(inputs, output, config=load_config())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
