"""The asynchronous store: one worker thread, answers arriving together share one transaction."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from fphkiosk.core.room_answers import ChoiceAnswer, answer_to_json
from fphkiosk.storage.store import AnswerWrite, SessionSeed, SessionStore
from fphkiosk.storage.writer import SessionWriter, Settled, settle_in_turns

SEED = SessionSeed("Salle de test", "ACE347", "secret", "k" * 64)


def _write(i: int) -> AnswerWrite:
    return AnswerWrite(f"a{i}", f"t{i}", "sondage", answer_to_json(ChoiceAnswer(i % 3)), "t")


async def test_a_burst_is_committed_in_few_transactions(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    writer, stored = await SessionWriter.open(path, SEED)
    assert stored.answers == ()
    await asyncio.gather(*(writer.submit(_write(i)) for i in range(300)))
    # Submitted in one go, the answers share a handful of transactions (the worker may pick up
    # the first one alone before the rest are queued), not one transaction each.
    assert writer.batches <= 5
    await writer.close()
    store = SessionStore.open(path, SEED)
    assert len(store.read().answers) == 300
    store.close()


async def test_each_future_resolves_only_after_its_commit(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    writer, _ = await SessionWriter.open(path, SEED)
    future = writer.submit(_write(1))
    await future
    # Read with another connection: a resolved future means the row is durable in the file.
    store = SessionStore.open(path, SEED)
    assert [a.answer_id for a in store.read().answers] == ["a1"]
    store.close()
    await writer.close()


async def test_the_event_loop_thread_never_touches_sqlite(tmp_path: Path) -> None:
    writer, _ = await SessionWriter.open(tmp_path / "s.fphk", SEED)
    seen: set[str] = set()
    original = writer._store.write

    def spy(batch: object) -> None:
        seen.add(threading.current_thread().name)
        original(batch)  # type: ignore[arg-type]

    writer._store.write = spy  # type: ignore[method-assign]
    await writer.submit(_write(1))
    await writer.close()
    assert seen and all(name.startswith("session-store") for name in seen)
    assert threading.current_thread().name not in seen


async def test_a_cancelled_waiter_neither_cancels_nor_loses_the_commit(tmp_path: Path) -> None:
    path = tmp_path / "s.fphk"
    writer, _ = await SessionWriter.open(path, SEED)
    # The worker is held up, so that the commit is surely under way when the waiter is cancelled.
    gate = threading.Event()
    writer._executor.submit(gate.wait)
    commit = writer.submit(_write(1))
    # Shared by every waiter (a retry of the same answer waits on it): no waiter cancels it.
    assert not commit.cancel()

    async def wait_for_commit() -> None:
        await commit

    waiter = asyncio.create_task(wait_for_commit())
    await asyncio.sleep(0)
    waiter.cancel()
    for _ in range(5):  # a few turns of the loop: the waiter stays until the commit is over
        await asyncio.sleep(0)
    assert not waiter.done() and not commit.done()
    gate.set()
    # The cancelled waiter ends once the commit is over, cancelled; the commit itself succeeded.
    done, _ = await asyncio.wait([waiter], timeout=5)
    assert done == {waiter} and waiter.cancelled()
    assert commit.done() and not commit.cancelled() and commit.exception() is None
    await writer.close()
    store = SessionStore.open(path, SEED)
    assert [a.answer_id for a in store.read().answers] == ["a1"]
    store.close()


async def _done_per_turn(futures: list[asyncio.Future[None]]) -> list[int]:
    """How many of *futures* are done at each turn of the loop, until all are."""
    loop = asyncio.get_running_loop()
    seen: list[int] = []
    finished = loop.create_future()

    def sample() -> None:
        seen.append(sum(f.done() for f in futures))
        if seen[-1] == len(futures):
            finished.set_result(None)
        else:
            loop.call_soon(sample)

    loop.call_soon(sample)
    await finished
    return seen


async def test_a_large_commit_is_announced_over_several_turns_of_the_loop() -> None:
    loop = asyncio.get_running_loop()
    futures: list[asyncio.Future[None]] = [loop.create_future() for _ in range(1001)]
    settle_in_turns([(None, f) for f in futures], None, per_turn=250)
    # The first slice at once, then one slice per turn: never the whole commit in one turn. (The
    # sampler starts after the second slice was queued, so it first sees two slices.)
    assert sum(f.done() for f in futures) == 250
    assert await _done_per_turn(futures) == [500, 750, 1000, 1001]
    assert all(f.result() is None for f in futures)


async def test_a_failed_commit_fails_every_future_over_the_turns() -> None:
    loop = asyncio.get_running_loop()
    futures: list[asyncio.Future[None]] = [loop.create_future() for _ in range(5)]
    error = OSError("disque plein")
    settle_in_turns([(None, f) for f in futures], error, per_turn=2)
    assert await _done_per_turn(futures) == [4, 5]
    assert all(f.exception() is error for f in futures)


async def test_functions_are_settled_with_futures_and_one_that_fails_stops_no_other() -> None:
    loop = asyncio.get_running_loop()
    told: list[BaseException | None] = []

    def broken(error: BaseException | None) -> None:
        raise ValueError("listener bug")

    future: asyncio.Future[None] = loop.create_future()
    error = OSError("disque plein")
    targets: list[asyncio.Future[None] | Settled] = [told.append, broken, future, told.append]
    settle_in_turns([(None, target) for target in targets], error)
    assert told == [error, error]
    assert future.exception() is error


async def test_submit_then_is_called_after_the_commit(tmp_path: Path) -> None:
    writer, _ = await SessionWriter.open(tmp_path / "s.fphk", SEED)
    try:
        done = asyncio.get_running_loop().create_future()
        committed_before: list[int] = []

        def settled(error: BaseException | None) -> None:
            committed_before.append(writer.batches)
            done.set_result(error)

        writer.submit_then(_write(1), settled)
        assert committed_before == []  # never at once: in a later turn, once committed
        assert await done is None
        assert committed_before == [1]
    finally:
        await writer.close()
    told: list[BaseException | None] = []
    writer.submit_then(_write(2), told.append)
    await asyncio.sleep(0)
    assert isinstance(told[0], RuntimeError)  # closed: refused, in a later turn too
