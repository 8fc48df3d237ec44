"""The JSON form of what crosses the event bus: Routix's value types, tagged by name, and nothing else.

``encode(value)`` gives a JSON-able value and ``decode(data)`` builds it back, equal and of the same types. JSON's own
values (str, int, float, bool, None, lists, dicts with str keys) stay as they are; everything else is an object whose
``'$'`` names what it is::

    {'$': 'tuple', 'v': [...]}                        also 'datetime', 'date', 'timedelta' (ISO text, seconds)
    {'$': 'dict', 'v': [[key, value], ...]}           a dict with a non-str key or a '$' key
    {'$': 'Tier', 'v': 'premium'}                     an enum: its value
    {'$': 'GenerationView', 'id': 7, ...}             a dataclass: its fields
    {'$': 'QuotaExceeded', 'code': ..., 'params': {...}, 'args': [...], 'user_message': ...}   a RoutixError

A type name is looked up in a registry built from ``VALUE_MODULES`` (the dataclasses, enums and errors each defines),
never imported from the wire: a payload naming anything else (``os.system``, a class of another module) raises
``CodecError``. A dataclass is built by calling it with its fields, so unknown or missing fields are refused too.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import functools
import importlib
from typing import Any

from routix.core.errors import RoutixError

VALUE_MODULES = (
    'routix.vocabulary',
    'routix.core.errors',
    'routix.generation.views',
    'routix.chat.views',
    'routix.chat.versions',
    'routix.video.views',
)
"""the modules whose dataclasses, enums and errors may cross the bus (a new view type there is picked up)"""
_BUILTIN_TAGS = frozenset({'tuple', 'dict', 'datetime', 'date', 'timedelta'})
_PLAIN = (str, int, float, bool, type(None))


class CodecError(ValueError):
    """A payload is malformed or names a type that may not cross the bus."""


def encode(value: Any) -> Any:
    """The JSON-able form of ``value``; raises ``TypeError`` for a type that is not registered."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list:
        return [encode(item) for item in value]
    if kind is tuple:
        return {'$': 'tuple', 'v': [encode(item) for item in value]}
    if kind is dict:
        if all(type(key) is str for key in value) and '$' not in value:
            return {key: encode(item) for key, item in value.items()}
        return {'$': 'dict', 'v': [[encode(key), encode(item)] for key, item in value.items()]}
    if kind is datetime.datetime:
        if value.tzinfo is not None and not isinstance(value.tzinfo, datetime.timezone):
            raise TypeError(f'{value!r}: only fixed-offset time zones cross the bus exactly')
        return {'$': 'datetime', 'v': value.isoformat()}
    if kind is datetime.date:
        return {'$': 'date', 'v': value.isoformat()}
    if kind is datetime.timedelta:
        return {'$': 'timedelta', 'v': [value.days, value.seconds, value.microseconds]}
    name = _registry().names.get(kind)
    if name is None:
        raise TypeError(f'{kind.__module__}.{kind.__qualname__} may not cross the event bus (see VALUE_MODULES)')
    if isinstance(value, enum.Enum):
        return {'$': name, 'v': encode(value.value)}
    if isinstance(value, RoutixError):
        return {
            '$': name,
            'code': value.code,
            'params': encode(value.params),
            'args': [encode(arg) for arg in value.args],
            'user_message': value.user_message,
        }
    return {'$': name, **{f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}


def decode(data: Any) -> Any:
    """The value ``data`` (what ``encode`` gave, after a JSON round trip) stands for; raises ``CodecError``."""
    kind = type(data)
    if kind in _PLAIN:
        return data
    if kind is list:
        return [decode(item) for item in data]
    if kind is not dict:
        raise CodecError(f'not a JSON value: {kind.__name__}')
    if '$' not in data:
        return {key: decode(item) for key, item in data.items()}
    name = data['$']
    try:
        return _decode_tagged(name, data)
    except CodecError:
        raise
    except (TypeError, ValueError, KeyError, OverflowError) as error:
        raise CodecError(f'a malformed {name!r}: {error}') from error


def _decode_tagged(name: Any, data: dict[str, Any]) -> Any:
    if name == 'tuple':
        return tuple(decode(item) for item in _list(data['v']))
    if name == 'dict':
        return {decode(key): decode(item) for key, item in _list(data['v'])}
    if name == 'datetime':
        return datetime.datetime.fromisoformat(data['v'])
    if name == 'date':
        return datetime.date.fromisoformat(data['v'])
    if name == 'timedelta':
        days, seconds, microseconds = _list(data['v'])
        return datetime.timedelta(days=days, seconds=seconds, microseconds=microseconds)
    cls = _registry().types.get(name) if isinstance(name, str) else None
    if cls is None:
        raise CodecError(f'{name!r} is not an event payload type')
    if issubclass(cls, enum.Enum):
        return cls(decode(data['v']))
    if issubclass(cls, RoutixError):
        # built without __init__ (subclasses may take other arguments), as RoutixError.__reduce__ does for pickle
        error = cls.__new__(cls)
        error.args = tuple(decode(arg) for arg in _list(data['args']))
        error.code, error.params, error.user_message = data['code'], decode(data['params']), data['user_message']
        if not (isinstance(error.code, str) and isinstance(error.params, dict) and isinstance(error.user_message, str)):
            raise CodecError(f'a malformed {name!r}')
        return error
    return cls(**{key: decode(item) for key, item in data.items() if key != '$'})


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise CodecError(f'expected a list, not {type(value).__name__}')
    return value


@dataclasses.dataclass(frozen=True, slots=True)
class _Registry:
    types: dict[str, type]
    names: dict[type, str]


@functools.cache
def _registry() -> _Registry:
    """Built on first use, not at import: the value modules import much of Routix (and the bus is imported early)."""
    types: dict[str, type] = {}
    for module_name in VALUE_MODULES:
        module = importlib.import_module(module_name)
        for name, candidate in vars(module).items():
            if not (isinstance(candidate, type) and candidate.__module__ == module_name and _is_value(candidate)):
                continue
            if name in types or name in _BUILTIN_TAGS:
                raise RuntimeError(f'two event payload types are called {name}: rename one')
            types[name] = candidate
    return _Registry(types=types, names={cls: name for name, cls in types.items()})


def _is_value(cls: type) -> bool:
    if issubclass(cls, (enum.Enum, RoutixError)):
        return True
    # a dataclass is built back by calling it with its fields: one with a field outside __init__ cannot be
    return dataclasses.is_dataclass(cls) and all(f.init for f in dataclasses.fields(cls))
