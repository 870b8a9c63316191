"""matplotlib Figure builders (no pyplot), shared by the screens and the exports."""
