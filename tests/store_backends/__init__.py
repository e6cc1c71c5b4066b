"""The store suite on both back ends, and the Ray engine."""
