"""The live room as a service: core's state machine, its session file and its listeners.

Imports neither Qt nor aiohttp: the network server and the presenter screens are both subscribers.
"""
