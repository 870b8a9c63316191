"""At most so many messages start being handled per turn of the loop; the others wait, in order."""

from __future__ import annotations

import asyncio

import pytest

from fphkiosk.net.pacing import TurnPacer


async def _next_turn() -> None:
    """Return in the next turn of the loop (a callback queued now runs there)."""
    loop = asyncio.get_running_loop()
    turn = loop.create_future()
    loop.call_soon(turn.set_result, None)
    await turn


async def test_the_messages_over_the_allowance_wait_for_the_next_turns_in_order() -> None:
    loop = asyncio.get_running_loop()
    pacer = TurnPacer(per_turn=3)
    waiting: list[asyncio.Future[None]] = []
    released: list[int] = []
    finished = loop.create_future()

    def sample() -> None:
        # Queued before the pacer's own callbacks, so it sees each turn's release just after.
        done = [f.done() for f in waiting]
        released.append(sum(done))
        assert done == sorted(done, reverse=True)  # those released are the first that came
        if len(released) < 5:
            loop.call_soon(sample)
        else:
            finished.set_result(None)

    loop.call_soon(sample)
    admitted = [pacer.admit() for _ in range(10)]
    assert admitted[:3] == [None, None, None]
    waiting.extend(f for f in admitted if f is not None)
    assert len(waiting) == 7 and pacer.waiting == 7
    await finished
    # Three more each turn, the first come the first served.
    assert released == [0, 3, 6, 7, 7]
    assert pacer.waiting == 0


async def test_a_newcomer_does_not_overtake_those_waiting() -> None:
    pacer = TurnPacer(per_turn=2)
    first, second, third = pacer.admit(), pacer.admit(), pacer.admit()
    assert first is None and second is None and third is not None
    await _next_turn()
    # The allowance of this turn went to the one waiting; a newcomer now waits behind.
    assert third.done()
    newcomer = pacer.admit()
    assert newcomer is None  # one place left in this turn's allowance
    late = pacer.admit()
    assert late is not None and not late.done()
    await _next_turn()
    assert late.done()


async def test_a_wait_given_up_is_skipped() -> None:
    pacer = TurnPacer(per_turn=1)
    assert pacer.admit() is None
    gone, kept = pacer.admit(), pacer.admit()
    assert gone is not None and kept is not None
    gone.cancel()  # the connection went away while waiting
    await _next_turn()
    assert kept.done() and not kept.cancelled()


async def test_the_handlers_of_a_crowd_each_go_on_once() -> None:
    pacer = TurnPacer(per_turn=5)
    handled: list[int] = []

    async def handler(number: int) -> None:
        turn = pacer.admit()
        if turn is not None:
            await turn
        handled.append(number)

    await asyncio.gather(*(handler(n) for n in range(23)))
    assert sorted(handled) == list(range(23))


def test_an_allowance_under_one_is_refused() -> None:
    with pytest.raises(ValueError):
        TurnPacer(per_turn=0)
