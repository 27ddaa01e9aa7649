"""the console."""
