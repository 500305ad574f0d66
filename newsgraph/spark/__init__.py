"""newsgraph on Apache Spark: the same analysis, one pipeline per executor partition."""
