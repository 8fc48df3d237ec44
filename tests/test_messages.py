"""Errors carry codes, every code reads in English and Persian, and every raise in routix/ names a known code."""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

from routix.core import errors
from routix.generation.views import failure_text, notices_text
from routix.i18n import errors as texts

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize('key', sorted(texts.EN))
def test_every_code_reads_in_persian_with_the_same_placeholders(key: str) -> None:
    persian = texts.FA.get(key)
    assert persian, f'no Persian for {key}'
    assert re.search('[\u0600-\u06ff]', persian)
    assert _placeholders(persian) == _placeholders(texts.EN[key]), key


def test_the_persian_table_has_no_codes_english_lacks() -> None:
    assert set(texts.FA) <= set(texts.EN)
    assert {key.removeprefix('error.') for key in texts.EN if key.startswith('error.')} == errors.CODES


ERROR_CLASSES = sorted(
    (c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.RoutixError)),
    key=lambda c: c.__name__,
)


@pytest.mark.parametrize('cls', ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_error_class_has_a_known_default_code_in_both_languages(cls: type[errors.RoutixError]) -> None:
    error = cls()
    assert error.code == cls.code and error.code in errors.CODES and error.params == {}
    assert str(error) == error.user_message == error.message('en') == texts.EN[f'error.{error.code}']
    assert not re.search('[A-Za-z]{3,}', error.message('fa'))


def test_an_error_with_params_reads_in_either_language_and_survives_pickling() -> None:
    error = errors.QuotaExceeded('quota.needs', need=8, have=5)
    assert (error.code, error.params) == ('quota.needs', {'need': 8, 'have': 5})
    assert str(error) == error.user_message == 'This needs 8 credits and you have 5.'
    assert error.message('fa') == 'این کار 8 اعتبار لازم دارد و شما 5 اعتبار دارید.'
    copy = pickle.loads(pickle.dumps(error))  # what crosses the process pool
    assert type(copy) is errors.QuotaExceeded
    assert (copy.code, copy.params, str(copy), copy.message('fa')) == (
        error.code,
        error.params,
        str(error),
        error.message('fa'),
    )
    upload = errors.InvalidUpload('upload.too_many_bytes', mb=1.5)
    assert str(upload) == 'The image is larger than 1.5 MB.'
    assert upload.message('fa') == 'تصویر بزرگ‌تر از 1.5 مگابایت است.'


def test_every_error_raised_names_a_known_code() -> None:
    """Every ``SomeRoutixError(...)`` in routix/ (multi-line calls too) passes a known code and that code's params."""
    problems = []
    for site in _error_calls():
        if site.codes is None:
            problems.append(f'{site.where}: {site.call} passes an expression, not a code from routix/i18n/errors.py')
            continue
        for code in site.codes:
            if code not in errors.CODES:
                problems.append(f'{site.where}: {site.call}: {code!r} is not a code from routix/i18n/errors.py')
            elif site.params is not None and site.params != _placeholders(texts.EN[f'error.{code}']):
                wanted = sorted(_placeholders(texts.EN[f'error.{code}']))
                problems.append(f'{site.where}: {code!r} takes {wanted}, got {sorted(site.params)}')
    assert not problems, '\n'.join(problems)


def test_the_scanner_sees_calls_split_over_lines(tmp_path: Path) -> None:
    source = tmp_path / 'example.py'
    source.write_text(
        'raise InvalidRequest(\n    "generation.prompt_missing"\n)\n'
        'raise NotFound(\n    "That thumbnail does not exist."\n)\n'
        'raise StorageError(\n    "storage.missing",\n    key=key,\n)\n'
        'raise errors.InvalidUpload(\n    "upload.unsupported" if other else "upload.damaged"\n) from None\n'
        'raise QuotaExceeded(\n    f"This needs {need} credits."\n)\n'
        'raise Refused()\n'
    )
    names = {'InvalidRequest', 'NotFound', 'StorageError', 'InvalidUpload', 'QuotaExceeded', 'Refused'}
    assert [(s.codes, s.params) for s in _calls_in(source, names)] == [
        (('generation.prompt_missing',), set()),
        (('That thumbnail does not exist.',), set()),
        (('storage.missing',), {'key'}),
        (('upload.unsupported', 'upload.damaged'), set()),
        (None, set()),
        ((), set()),
    ]


def test_a_stored_failure_and_a_fall_back_notice_read_in_either_language() -> None:
    """What a generation stores (codes and params) reads whole in English and Persian, the refund included."""
    assert failure_text('generation.interrupted', {}, refunded=3, lang='en') == (
        'Interrupted by a server restart. Your 3 credits were refunded.'
    )
    assert failure_text('generation.interrupted', {}, refunded=3, lang='fa') == (
        'به‌خاطر راه‌اندازی دوباره‌ی سرور متوقف شد. 3 اعتبار شما برگردانده شد.'
    )
    assert failure_text('generation.cancelled', {}, refunded=0, lang='fa') == 'لغو شد.'
    notices = [{'key': 'error.provider.busy', 'params': {}}, {'key': 'notice.fell_back', 'params': {}}]
    assert notices_text(notices, 'en') == (
        'The image provider is busy right now. Please try again in a minute. '
        'Finished with the basic renderer instead; your credits were refunded.'
    )
    assert not re.search('[A-Za-z]{3,}', notices_text(notices, 'fa'))


# ---------------------------------------------------------------- the scanner


class _Site:
    """One call that builds a RoutixError: where, its source, the codes it may pass (None: not literals), its params."""

    def __init__(self, where: str, call: str, codes: tuple[str, ...] | None, params: set[str] | None) -> None:
        self.where, self.call, self.codes, self.params = where, call, codes, params


def _error_calls() -> list[_Site]:
    files = [p for p in (ROOT / 'routix').rglob('*.py') if 'migrations' not in p.parts]
    names = _error_class_names(files)
    return [site for path in files for site in _calls_in(path, names)]


def _error_class_names(files: list[Path]) -> set[str]:
    """The classes of routix.core.errors and every class in routix/ that derives from one of them."""
    names = {c.__name__ for c in ERROR_CLASSES}
    classes = [
        node for path in files for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.ClassDef)
    ]
    grew = True
    while grew:
        grew = False
        for node in classes:
            bases = {
                b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute) else '' for b in node.bases
            }
            if node.name not in names and bases & names:
                names.add(node.name)
                grew = True
    return names


def _calls_in(path: Path, names: set[str]) -> list[_Site]:
    sites = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name not in names:
            continue
        where = f'{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{node.lineno}'
        params = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords if k.arg}
        if not node.args:
            sites.append(_Site(where, f'{name}()', (), params))
        else:
            first = node.args[0]
            shown = ast.unparse(first)
            if isinstance(first, ast.JoinedStr):  # f-string fields as {}: renaming a variable keeps its entry
                shown = re.sub(r'\{[^{}]*\}', '{}', shown)
            sites.append(_Site(where, f'{name}({shown})', _constant_strings(first), params))
    return sites


def _constant_strings(node: ast.expr) -> tuple[str, ...] | None:
    """The strings an argument can be when it is a literal or a conditional between literals, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, ast.IfExp):
        body, orelse = _constant_strings(node.body), _constant_strings(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
