"""Each collection's index in the ``elasticsearch`` engine: its alias and mapping, the writes,
versions and tombstones, zero-downtime rebuilds, and what the alias's index can answer.

Each collection (search/collections.py) has its own index, managed by a ``CollectionIndex``:
its alias is ``<INDEX><collection.index_suffix>`` (practices ``<INDEX>``, network posts
``<INDEX>-posts``), its mapping the one of its layout (mapping.py for a faceted collection,
posts.py for a grouped one). Indices are named ``<alias>-v<microseconds>``; the alias points
at one of them. Writes go to every index of that name pattern (the alias's, and one being
rebuilt), with external versions, so a rebuild never loses a change made while it runs.
"""

import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, Any

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers

from search.backends.base import DocumentsRefused, SearchUnavailable
from search.backends.elasticsearch import mapping, posts, queries
from search.collections import Collection, Layout

if TYPE_CHECKING:
    from search.backends.elasticsearch.backend import ElasticsearchSearchBackend

VECTOR_CHECK_SECONDS = 60.0  # how long what an index's mapping holds is taken as known
REBUILD_THREADS = 2  # bulk requests in flight during a rebuild: Lucene indexes them side by side
MAPPINGS = {Layout.FACETED: mapping, Layout.GROUPED: posts}  # each layout's index declaration
IGNORED_WRITE_ERRORS = {
    "version_conflict_engine_exception",  # the index holds this version or a newer one
    "index_not_found_exception",  # an old index deleted by a rebuild that just finished
}


def _created(index: str) -> int:
    """When an index of this engine was created (the microseconds in its name)."""
    return int(index.rsplit("-v", 1)[1])


@contextmanager
def unavailable(action: str) -> Iterator[None]:
    """Every transport error, timeout or server error becomes SearchUnavailable."""
    try:
        yield
    except (ApiError, TransportError) as error:
        raise SearchUnavailable(f"Elasticsearch could not {action}: {error}") from error


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class CollectionIndex:
    """One collection's index on an engine: its alias, its layout's mapping, and the writes,
    versions, tombstones and zero-downtime rebuilds every collection shares."""

    def __init__(self, engine: "ElasticsearchSearchBackend", collection: Collection):
        self.engine, self.collection = engine, collection
        self.alias = f"{engine.alias}{collection.index_suffix}"
        self._mapping = MAPPINGS[collection.layout]
        self._index_name = re.compile(re.escape(self.alias) + r"-v\d+")
        self._mapping_checked: tuple[float, bool, int] | None = None

    @property
    def client(self) -> Elasticsearch:
        return self.engine.client

    @property
    def reader(self) -> Elasticsearch:
        return self.engine.reader

    def _index_body(self, **settings: Any) -> dict[str, Any]:
        return self._mapping.index_body(self.collection, **settings)

    # --- indices and the alias ---------------------------------------------------------

    def _new_index_name(self) -> str:
        return f"{self.alias}-v{time.time_ns() // 1000}"

    def _indices(self) -> tuple[list[str], list[str]]:
        """(every index of this engine, oldest first; those the alias points at)."""
        try:
            found = self.client.indices.get_alias(index=f"{self.alias}-v*", expand_wildcards="open")
        except NotFoundError:
            return [], []
        names = sorted((name for name in found if self._index_name.fullmatch(name)), key=_created)
        return names, [name for name in names if self.alias in found[name].get("aliases", {})]

    def _write_targets(self) -> list[str]:
        names, _aliased = self._indices()
        if names:
            return names
        first = f"{self.alias}-v0"
        try:
            self.client.indices.create(
                index=first,
                **self._index_body(shards=self.engine.shards, replicas=self.engine.replicas),
                aliases={self.alias: {}},
            )
        except ApiError as error:
            if error.error != "resource_already_exists_exception":
                raise
        return [first]

    def refresh(self) -> None:
        with unavailable("refresh"):
            names, _aliased = self._indices()
            if names:
                self.client.indices.refresh(index=",".join(names), ignore_unavailable=True)

    def drop(self) -> None:
        with unavailable("delete its indices"):
            names, _aliased = self._indices()
            if names:
                self.client.indices.delete(index=",".join(names), ignore_unavailable=True)

    # --- writing -----------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict[str, Any]], *, threads: int = 1) -> int:
        """Send index actions in chunks (on ``threads`` connections at once); versions already
        superseded are not errors."""
        sent, failures = 0, []
        if threads > 1:
            results = helpers.parallel_bulk(
                self.client, actions, thread_count=threads, chunk_size=self.engine.bulk_size, raise_on_error=False
            )
        else:
            results = helpers.streaming_bulk(
                self.client,
                actions,
                chunk_size=self.engine.bulk_size,
                raise_on_error=False,
                max_retries=2,
                initial_backoff=1,
            )
        for ok, item in results:
            sent += 1
            if not ok:
                error = next(iter(item.values())).get("error", {})
                if not isinstance(error, dict) or error.get("type") not in IGNORED_WRITE_ERRORS:
                    failures.append(item)
        if failures:
            ids = [int(next(iter(item.values())).get("_id", 0)) for item in failures]
            raise DocumentsRefused(f"Elasticsearch refused {len(failures)} write(s), first: {failures[0]}", ids)
        return sent

    def _write(self, entries: list[tuple[int, int, dict[str, Any]]]) -> None:
        if not entries:
            return
        with unavailable("write"):
            targets = self._write_targets()
            refused = None
            try:
                self._bulk(
                    {
                        "_op_type": "index",
                        "_index": target,
                        "_id": str(document_id),
                        "version": version,
                        "version_type": "external",
                        "_source": body,
                    }
                    for document_id, version, body in entries
                    for target in targets
                )
            except DocumentsRefused as error:  # the others are written: made visible all the same
                refused = error
            if self.engine.refresh_writes:
                self.client.indices.refresh(index=",".join(targets), ignore_unavailable=True)
            if refused is not None:
                raise refused

    def index(self, documents: Iterable[dict[str, Any]]) -> None:
        self._write([(int(d["id"]), int(d["version"]), self._mapping.source(d)) for d in documents])

    def delete(self, document_id: int, version: int) -> None:
        """Replace the document by a tombstone carrying the deletion's version: a replayed
        older write is then refused, which a real delete would only ensure for 60 seconds
        (index.gc_deletes)."""
        self._write([(int(document_id), int(version), self._mapping.tombstone(int(document_id)))])

    def rebuild(self, documents: Iterable[dict[str, Any]]) -> int:
        """Fill a new index, then point the alias at it in one step: searches never see a
        partial index. Tombstones are carried over; older indices are deleted."""
        with unavailable("rebuild the index"):
            new = self._new_index_name()
            body = self._index_body(shards=self.engine.shards, replicas=0, refresh_interval="-1")
            self.client.indices.create(index=new, **body)
            try:
                count = self._fill(new, documents)
                self._swap(new)
                self._mapping_checked = None
            except BaseException:
                self.client.indices.delete(index=new, ignore_unavailable=True)
                raise
            return count

    def _fill(self, new: str, documents: Iterable[dict[str, Any]]) -> int:
        """Read the documents here, in the calling thread, a chunk at a time, and bulk each
        chunk on REBUILD_THREADS connections: the bulk helpers' feeder thread only walks a
        list, so it never opens a database connection of its own (nor leaves one open)."""
        count = 0
        for chunk in batched(documents, self.engine.bulk_size * REBUILD_THREADS):
            count += len(chunk)
            self._bulk(
                [self._action(new, int(d["id"]), int(d["version"]), self._mapping.source(d)) for d in chunk],
                threads=REBUILD_THREADS,
            )
        for tombstones in batched(self._tombstone_actions(new), self.engine.bulk_size * REBUILD_THREADS):
            self._bulk(tombstones, threads=REBUILD_THREADS)
        self.client.indices.put_settings(
            index=new, settings={"index": {"number_of_replicas": self.engine.replicas, "refresh_interval": "1s"}}
        )
        self.client.indices.refresh(index=new)
        return count

    @staticmethod
    def _action(index: str, document_id: int, version: int, source: dict[str, Any]) -> dict[str, Any]:
        return {
            "_op_type": "index",
            "_index": index,
            "_id": str(document_id),
            "version": version,
            "version_type": "external",
            "_source": source,
        }

    def _tombstone_actions(self, new: str) -> Iterator[dict[str, Any]]:
        _names, aliased = self._indices()
        if not aliased:
            return
        for hit in helpers.scan(
            self.client, index=self.alias, query={"query": {"term": {"tombstone": True}}, "version": True}, size=1000
        ):
            yield self._action(new, int(hit["_id"]), int(hit["_version"]), self._mapping.tombstone(int(hit["_id"])))

    def _swap(self, new: str) -> None:
        names, aliased = self._indices()
        actions: list[dict[str, Any]] = [{"add": {"index": new, "alias": self.alias}}]
        actions += [{"remove": {"index": old, "alias": self.alias}} for old in aliased if old != new]
        if self.client.indices.exists(index=self.alias) and not self.client.indices.exists_alias(name=self.alias):
            actions.append({"remove_index": {"index": self.alias}})  # a stray index holding the alias's name
        self.client.indices.update_aliases(actions=actions)
        older = [name for name in names if _created(name) < _created(new)]
        if older:
            self.client.indices.delete(index=",".join(older), ignore_unavailable=True)

    def has_vectors(self) -> bool:
        """Whether the alias's index maps ``embedding`` as a dense_vector (an index built
        before hybrid search does not, until ``search_reindex``). Asked once a minute."""
        return self._mapping_facts()[0]

    def fitted(self, body: dict[str, Any]) -> dict[str, Any]:
        """``body`` as the alias's index can answer it: before mapping version 5 (until
        ``search_reindex``), without the ``compounds`` highlight, which needs its term vectors."""
        without = queries.without_compound_marks(body)
        if without is body or self._mapping_facts()[1] >= mapping.COMPOUND_MARKS_VERSION:
            return body
        return without

    def _mapping_facts(self) -> tuple[bool, int]:
        """(every index behind the alias maps ``embedding`` as a dense_vector, the lowest
        ``mapping_version`` among them). Asked once a minute."""
        checked = self._mapping_checked
        if checked is not None and time.monotonic() - checked[0] < VECTOR_CHECK_SECONDS:
            return checked[1], checked[2]
        try:
            found = self.reader.indices.get_mapping(index=self.alias).body
        except (ApiError, TransportError):
            return False, 0
        mappings = [index.get("mappings", {}) for index in found.values()]
        types = [each.get("properties", {}).get("embedding", {}).get("type") for each in mappings]
        vectors = bool(types) and all(kind == "dense_vector" for kind in types)
        version = min((int(each.get("_meta", {}).get("mapping_version", 0)) for each in mappings), default=0)
        self._mapping_checked = (time.monotonic(), vectors, version)
        return vectors, version

    def _read(self, action: str, call) -> dict[str, Any] | None:
        """Run a read; None when the alias does not exist yet (nothing indexed)."""
        with unavailable(action):
            try:
                return call(self.reader).body
            except NotFoundError as error:
                if error.error == "index_not_found_exception":
                    return None
                raise

    def document_ids(self) -> dict[int, int]:
        with unavailable("list its documents"):
            try:
                hits = helpers.scan(
                    self.client,
                    index=self.alias,
                    size=1000,
                    query={"query": {"term": {"tombstone": False}}, "_source": False, "version": True},
                )
                return {int(hit["_id"]): int(hit["_version"]) for hit in hits}
            except NotFoundError:
                return {}
