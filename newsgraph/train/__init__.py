"""Training the models newsgraph ships (weights only); never imported at run time."""
