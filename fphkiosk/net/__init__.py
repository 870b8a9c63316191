"""The room over the LAN: WebSocket protocol, aiohttp server, participant client."""
