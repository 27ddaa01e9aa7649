"""Conversation state as JSON, never pickle.

Loading a pickle runs whatever code its writer chose, so anyone who can write
the state file could take over the bot. JSON only ever yields plain values;
the few richer things the bot keeps (dataclasses, enums, tuples, ordered
dicts, dicts keyed by numbers) are tagged explicitly, and only types named
when the codec is made can come back out.

A tag is a JSON object with one key starting with ``$``; a stored dict with
such a key is written as a list of pairs, so tags and data never mix.
"""

from __future__ import annotations

import dataclasses
import json
from collections import OrderedDict
from collections.abc import Iterable
from enum import Enum
from typing import Any

PLAIN = (str, int, float, bool, type(None))
TUPLE, DICT, ORDERED, SET, FROZENSET, ENUM, DATACLASS = "$t", "$d", "$o", "$s", "$f", "$e", "$c"


class Unstorable(TypeError):
    """A value of a type the codec was not told about; it is skipped, not guessed at."""


class Unreadable(ValueError):
    """Stored JSON that does not decode into the registered types (renamed, changed, damaged)."""


class Codec:
    """Encodes the registered dataclasses and enums, and the containers holding them."""

    def __init__(self, types: Iterable[type]) -> None:
        self._by_name: dict[str, type] = {}
        for cls in types:
            if not (dataclasses.is_dataclass(cls) or issubclass(cls, Enum)):
                raise TypeError(f"{cls.__qualname__} is neither a dataclass nor an enum")
            known = self._by_name.setdefault(cls.__qualname__, cls)
            if known is not cls:
                raise ValueError(f"two stored types are called {cls.__qualname__}")

    def dumps(self, value: object) -> str:
        return json.dumps(self.encode(value), ensure_ascii=False, separators=(",", ":"))

    def loads(self, text: str) -> Any:
        try:
            return self.decode(json.loads(text))
        except (ValueError, RecursionError) as exc:
            raise Unreadable(str(exc)) from exc

    def encode(self, value: object) -> Any:
        """``value`` as JSON-ready data; raises Unstorable naming the type that is not."""
        if isinstance(value, Enum):
            return {ENUM: self._name(type(value)), "v": self.encode(value.value)}
        if type(value) in PLAIN:
            return value
        if type(value) is list:
            return [self.encode(item) for item in value]
        if type(value) is tuple:
            return {TUPLE: [self.encode(item) for item in value]}
        if type(value) is set or type(value) is frozenset:
            return {SET if type(value) is set else FROZENSET: [self.encode(v) for v in value]}
        if type(value) is OrderedDict:
            return {ORDERED: self._pairs(value)}
        if type(value) is dict:
            if all(type(k) is str and not k.startswith("$") for k in value):
                return {k: self.encode(v) for k, v in value.items()}
            return {DICT: self._pairs(value)}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = {
                f.name: self.encode(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.init
            }
            return {DATACLASS: self._name(type(value)), "f": fields}
        raise Unstorable(type(value).__qualname__)

    def decode(self, data: Any) -> Any:
        """The inverse of :meth:`encode`; raises Unreadable for anything it did not make."""
        if type(data) is list:
            return [self.decode(item) for item in data]
        if type(data) is not dict:
            return data
        tags = [k for k in data if k.startswith("$")]
        if not tags:
            return {k: self.decode(v) for k, v in data.items()}
        tag = tags[0]
        body = data[tag]
        if tag == TUPLE:
            return tuple(self.decode(item) for item in self._list(body))
        if tag in (SET, FROZENSET):
            items = (self.decode(item) for item in self._list(body))
            return set(items) if tag == SET else frozenset(items)
        if tag in (DICT, ORDERED):
            pairs = [self._list(pair) for pair in self._list(body)]
            if any(len(pair) != 2 for pair in pairs):
                raise Unreadable("a stored dict entry is not a pair")
            made = {self.decode(k): self.decode(v) for k, v in pairs}
            return OrderedDict(made) if tag == ORDERED else made
        if tag == ENUM:
            enum = self._type(body)
            try:
                return enum(self.decode(data.get("v")))
            except ValueError as exc:
                raise Unreadable(f"{body}: {exc}") from exc
        if tag == DATACLASS:
            cls = self._type(body)
            stored = data.get("f")
            if type(stored) is not dict:
                raise Unreadable(f"{body} without fields")
            # Fields dropped from the class since the value was stored are ignored;
            # a new field without a default makes the value unreadable.
            names = {f.name for f in dataclasses.fields(cls) if f.init}
            values = {k: self.decode(v) for k, v in stored.items() if k in names}
            try:
                return cls(**values)
            except TypeError as exc:
                raise Unreadable(f"{body}: {exc}") from exc
        raise Unreadable(f"unknown tag {tag}")

    def _pairs(self, mapping: dict[Any, Any]) -> list[list[Any]]:
        return [[self.encode(k), self.encode(v)] for k, v in mapping.items()]

    def _name(self, cls: type) -> str:
        if self._by_name.get(cls.__qualname__) is not cls:
            raise Unstorable(cls.__qualname__)
        return cls.__qualname__

    def _type(self, name: object) -> Any:
        cls = self._by_name.get(name) if isinstance(name, str) else None
        if cls is None:
            raise Unreadable(f"no stored type called {name!r}")
        return cls

    @staticmethod
    def _list(body: object) -> list[Any]:
        if type(body) is not list:
            raise Unreadable("a tagged value without its list")
        return body
