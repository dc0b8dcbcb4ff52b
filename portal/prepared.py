"""Querysets whose SQL is compiled once per database connection and read on every call.

Composing a query through the ORM (filters, joins, annotations, then the SQL) costs a few
tenths of a millisecond of CPU, often more than the query itself, on every request that makes
it. A ``PreparedQuery`` builds its queryset once per connection (each thread has its own) with
stand-in values in the place of what changes from call to call (a user's id, a practice's id),
keeps the SQL, its parameters and Django's compiler (what turns rows into objects), and on each
call runs that SQL with the real values. The rows are read from the database on every call:
nothing but the SQL is kept. ``objects()`` makes model instances as the queryset would
(``select_related`` and annotations included); ``rows()`` the tuples of a ``values_list``
queryset, optionally one window of them (LIMIT/OFFSET added to the SQL).

A query whose form depends on the reader (an access rule's ``Q``, built on every call) passes it
as ``shape``: the SQL is compiled once per connection and shape (the last ``SHAPES_KEPT`` shapes
a connection used), so the rule is still computed and applied on every call.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators

SHAPES_KEPT = 256
# A list of ids in a prepared query (``rows_for_ids``): up to this many stand-ins, each length its own shape.
IDS_PREPARED = 100
_IDS = {f"id{number}": -4_301_000 - number for number in range(IDS_PREPARED)}


class PreparedQuery:
    """``build(**stand_ins)`` (``build(shape, **stand_ins)`` for a query with shapes) returns the
    queryset with each stand-in (an int no row has) where a call's value goes; each must be a
    parameter of the SQL but those named in ``optional`` (a stand-in that only some shapes use),
    and every parameter equal to a stand-in takes the call's value. ``by_ids``: the stand-ins are ids
    of the model's rows that pick them (see ``_by_ids``)."""

    def __init__(
        self,
        name: str,
        model: type[Model],
        build: Callable[..., QuerySet],
        *,
        optional: tuple[str, ...] = (),
        by_ids: bool = False,
        **stand_ins: int,
    ):
        self.key = f"_portal_prepared_{name}"
        self.model, self.build, self.stand_ins, self.optional = model, build, stand_ins, optional
        self.by_ids = by_ids

    def _prepared(self, alias: str, shape: Hashable):
        kept = connections[alias].__dict__.setdefault(self.key, OrderedDict())
        prepared = kept.get(shape)
        if prepared is None:
            queryset = self.build(**self.stand_ins) if shape is None else self.build(shape, **self.stand_ins)
            compiler = queryset.query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            for name, value in self.stand_ins.items():
                if value not in params and name not in self.optional:  # e.g. the id that picks the row
                    raise RuntimeError(f"the prepared query {self.key} does not name {name}")
            if self.by_ids and connections[alias].vendor == "sqlite":
                sql = _by_ids(sql, self.model._meta.db_table)
            prepared = kept[shape] = (compiler, sql, tuple(params))
            if len(kept) > SHAPES_KEPT:
                kept.popitem(last=False)
        else:
            kept.move_to_end(shape)
        return prepared

    def objects(self, *, shape: Hashable = None, **values: int) -> list:
        """The queryset's objects (of ``shape``) with ``values`` in the stand-ins' places."""
        alias = router.db_for_read(self.model)
        compiler, rows = self._execute(alias, shape, values)
        return list(_objects(compiler, alias, rows))

    def rows(self, *, window: tuple[int, int] | None = None, shape: Hashable = None, **values: int) -> list[tuple]:
        """The rows of a ``values_list`` queryset (of ``shape``) with ``values`` in the stand-ins'
        places (``window``: (limit, offset), added to the SQL)."""
        rows, convert = self.raw_rows(window=window, shape=shape, **values)
        return convert(rows)

    def raw_rows(
        self, *, window: tuple[int, int] | None = None, shape: Hashable = None, **values: int
    ) -> tuple[list[tuple], Callable[[list[tuple]], list[tuple]]]:
        """``rows()`` as the database driver gave them (no column converted: on SQLite a date is
        still text), with the function converting any of them as ``rows()`` would: for a caller
        that needs only some rows converted, or none (a key made of the rows as read)."""
        alias = router.db_for_read(self.model)
        compiler, rows = self._execute(alias, shape, values, window=window)
        return rows, lambda some: [tuple(row) for row in _converted(compiler, some)]

    def _execute(self, alias: str, shape: Hashable, values: dict, *, window: tuple[int, int] | None = None):
        compiler, sql, params = self._prepared(alias, shape)
        by_stand_in = {self.stand_ins[name]: int(value) for name, value in values.items()}
        params = tuple(by_stand_in.get(value, value) if isinstance(value, int) else value for value in params)
        if window is not None:
            sql, params = f"{sql} LIMIT %s OFFSET %s", (*params, *window)
        with connections[alias].cursor() as cursor:
            cursor.execute(sql, params)
            return compiler, cursor.fetchall()


def _by_ids(sql: str, table: str) -> str:
    """On SQLite, ``table`` read by its ids alone: without statistics SQLite's planner prefers an
    index of the access rule's columns (status, visibility...), reading every published row to keep
    the few asked for (0.9 ms against 0.1 at 10,000 practices); NOT INDEXED leaves it the rowid
    lookups. The rule's conditions still apply to each row read."""
    clause = f'FROM "{table}" '
    if clause not in sql:
        raise RuntimeError(f"no {clause!r} in {sql[:200]!r}")
    return sql.replace(clause, f'FROM "{table}" NOT INDEXED ', 1)


def rows_for_ids(
    name: str,
    model: type[Model],
    build: Callable[[tuple[Hashable, int], list[int]], QuerySet],
    *,
    by_ids: bool = False,
) -> Callable[[Hashable, list[int]], list[tuple]]:
    """A function of ``(rule, ids)`` giving the rows of the ``values_list`` queryset ``build((rule,
    len(ids)), ids)``, its SQL compiled once per connection, rule and number of ids (``rule``: a
    reader's access rule, or None; plain, not prepared, for a list longer than ``IDS_PREPARED``).
    ``by_ids``: the ids are those of ``model``'s rows, and pick them (``_by_ids``)."""
    query = PreparedQuery(
        name,
        model,
        lambda shape, **stand_ins: build(shape, [stand_ins[f"id{number}"] for number in range(shape[-1])]),
        optional=tuple(_IDS),  # a shorter list names only the first ones
        by_ids=by_ids,
        **_IDS,
    )

    def rows(rule: Hashable, ids: list[int]) -> list[tuple]:
        if not ids:
            return []
        if len(ids) > IDS_PREPARED:
            return list(build((rule, len(ids)), ids))
        values: dict[str, Any] = {f"id{number}": pk for number, pk in enumerate(ids)}
        return query.rows(shape=(rule, len(ids)), **values)

    return rows


def _converted(compiler, rows):
    """``rows`` with the columns' converters applied, as ``compiler.results_iter`` applies them; the
    converters (functions of the compiled query's columns and the connection's backend) looked up
    once per compiler, not on every call (about 0.05 ms a query)."""
    converters = compiler.__dict__.get("_portal_converters")
    if converters is None:
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        if compiler.has_composite_fields(fields):
            return compiler.results_iter(results=[rows])
        converters = compiler.__dict__["_portal_converters"] = compiler.get_converters(fields)
    return compiler.apply_converters(rows, converters) if converters else rows


def _objects(compiler, alias: str, rows):
    """Model instances from ``rows`` as Django's ModelIterable makes them (select_related and
    annotations included)."""
    klass_info, select = compiler.klass_info, compiler.select
    first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    names = [column[0].target.attname for column in select[first:last]]
    populators = get_related_populators(klass_info, select, alias)  # type: ignore[call-arg]  # the stubs follow Django 6 (fetch_mode); 5.2 takes three
    annotations = compiler.annotation_col_map.items()
    for row in _converted(compiler, rows):
        obj = klass_info["model"].from_db(alias, names, row[first:last])
        for populator in populators:
            populator.populate(row, obj)
        for name, position in annotations:
            setattr(obj, name, row[position])
        yield obj
