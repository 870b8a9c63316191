"""What the session file keeps of the room's texts: approved ones (or all), and their supporters."""

from __future__ import annotations

from collections.abc import Iterable

from fphkiosk.core.room_changes import Change, TextItem, TextItemChanged, TextReceived, VoteCast
from fphkiosk.storage.text_store import (
    StoredText,
    TextDeleteWrite,
    TextStoreWrite,
    TextSupportWrite,
    TextWrite,
)


class TextKeeping:
    """Turns text changes into writes, remembering which texts the file holds."""

    def __init__(self, keep_all: bool, stored: Iterable[StoredText] = ()):
        self._keep_all = keep_all
        self._stored: set[tuple[str, str]] = {(t.activity_id, t.item_id) for t in stored}

    def keeps(self, item: TextItem) -> bool:
        return self._keep_all or item.published

    def writes_for(self, changes: Iterable[Change]) -> list[TextStoreWrite]:
        writes: list[TextStoreWrite] = []
        for change in changes:
            if isinstance(change, TextItemChanged):
                writes.extend(self._item(change.item))
            elif isinstance(change, TextReceived):
                writes.extend(
                    TextSupportWrite(change.activity_id, item.item_id, change.token)
                    for item in change.items
                    if (item.activity_id, item.item_id) in self._stored
                    and item.item_id not in change.created
                )
            elif isinstance(change, VoteCast):
                writes.append(
                    TextSupportWrite(change.activity_id, change.item_id, change.token, change.on)
                )
        return writes

    def _item(self, item: TextItem) -> list[TextStoreWrite]:
        key = (item.activity_id, item.item_id)
        if not self.keeps(item):
            if key in self._stored:
                self._stored.discard(key)
                return [TextDeleteWrite(item.activity_id, item.item_id)]
            return []
        writes: list[TextStoreWrite] = [
            TextWrite(item.activity_id, item.item_id, item.text, item.state, item.seq)
        ]
        if key not in self._stored:
            # First time on disk: everyone who supported it while it was held comes along.
            self._stored.add(key)
            writes.extend(
                TextSupportWrite(item.activity_id, item.item_id, token)
                for token in sorted(item.supporters)
            )
        return writes
