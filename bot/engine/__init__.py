"""the pure answer engine."""
