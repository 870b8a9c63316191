"""fphkiosk: presenter console, live polls and self-scoring scales for in-person training days."""

__version__ = "0.1.0"
