"""Running stages across processes."""
