"""When delayed queues become due.

A routing profile may give a queue a delay: its agents are offered a contact from that queue
only once the contact has waited that long. So time alone can make a match possible. For every
waiting contact and every distinct delay some profile applies to its queue and channel, the
schedule holds the moment the contact reaches that delay; the router turns what has come due
into contacts to look at again, and tells the engine when to call back.

Entries are never searched for: a contact that leaves or is replaced leaves its entries behind,
and they are dropped when they reach the front.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

from opencontact.routing.waiting import Waiting

# (due at, contact id, contact version)
_Entry = tuple[int, str, int]
IsCurrent = Callable[[str, int], bool]


class DueTimes:
    def __init__(self) -> None:
        self._heap: list[_Entry] = []

    def __len__(self) -> int:
        return len(self._heap)

    def schedule(self, waiting: Waiting, delay_us: int) -> None:
        heapq.heappush(
            self._heap,
            (waiting.routing_us + delay_us, waiting.contact.contact_id, waiting.version),
        )

    def pop_due(self, now_us: int, is_current: IsCurrent) -> list[str]:
        """The contacts (still waiting, unchanged) that reached a delay at or before now."""
        due: list[str] = []
        heap = self._heap
        while heap and heap[0][0] <= now_us:
            _, contact_id, version = heapq.heappop(heap)
            if is_current(contact_id, version):
                due.append(contact_id)
        return due

    def first(self, is_current: IsCurrent) -> int | None:
        """The earliest due time of a contact still waiting."""
        heap = self._heap
        while heap and not is_current(heap[0][1], heap[0][2]):
            heapq.heappop(heap)
        return heap[0][0] if heap else None
