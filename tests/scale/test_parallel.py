"""Output order and content do not depend on the executor or the number of workers."""

from __future__ import annotations

import pytest

from pipeline.parallel import chunked, map_chunks


def square_chunk(chunk: list[int]) -> list[tuple[int, int]]:
    return [(n, n * n) for n in chunk]


def test_chunked_sizes():
    assert [len(c) for c in chunked(range(10), 4)] == [4, 4, 2]
    with pytest.raises(ValueError, match="chunk size must be >= 1, got 0"):
        list(chunked([1], 0))


def test_two_processes_give_the_same_ordered_output_as_one():
    items = list(range(1000))
    one = list(map_chunks(square_chunk, items, workers=1, chunk_size=7))
    two = list(map_chunks(square_chunk, items, workers=2, chunk_size=7))
    assert one == two == [(n, n * n) for n in items]


def test_stream_is_consumed_lazily():
    consumed = []

    def numbers():
        for n in range(10_000):
            consumed.append(n)
            yield n

    stream = map_chunks(square_chunk, numbers(), workers=1, chunk_size=10)
    assert next(stream) == (0, 0)
    assert len(consumed) <= 20


def test_bad_options_are_named():
    with pytest.raises(ValueError, match="unknown executor 'spark'"):
        list(map_chunks(square_chunk, [1], executor="spark"))
    with pytest.raises(ValueError, match="needs --executor dask"):
        list(map_chunks(square_chunk, [1], scheduler="tcp://127.0.0.1:1"))


def test_dask_local_cluster_keeps_input_order():
    # Dask workers must import the work function by name, so use one they can import (a builtin);
    # the pipeline's own stage functions are tested on Dask in the stage tests.
    items = [f"doc{n}" for n in range(200)]
    assert list(map_chunks(list, items, workers=2, chunk_size=16, executor="dask")) == items
