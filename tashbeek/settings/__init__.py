"""Settings profiles: base (reads the environment), dev, test, prod."""
