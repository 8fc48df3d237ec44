"""Errors carry codes, every code reads in English and Persian, and every raise in routix/ names a known code."""

from __future__ import annotations

import ast
import pickle
import re
import string
from pathlib import Path

import pytest

from routix.core import errors
from routix.i18n import errors as texts
from routix.i18n import localize, t
from routix.i18n.messages import FIXED, PATTERNS

ROOT = Path(__file__).resolve().parent.parent

# Call sites that still pass an English sentence instead of a code, as ``Class(first argument)`` with f-string
# fields shown as ``{}``. Phase 2 converts them and empties this list (an entry no call uses any more fails the test,
# so the list only shrinks); a new sentence anywhere in routix/ fails test_every_error_raised_names_a_known_code.
LEGACY_CALLS: frozenset[str] = frozenset()


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


def test_a_legacy_sentence_is_shown_as_is_and_still_translated() -> None:
    """Transition: call sites phase 2 converts still pass English; ``message('fa')`` translates what it knows."""
    error = errors.NotFound('That thumbnail does not exist.')
    assert error.code == 'not_found' and error.legacy_text == str(error) == 'That thumbnail does not exist.'
    assert error.message('en') == 'That thumbnail does not exist.'
    assert error.message('fa') == 'این تامبنیل وجود ندارد.'
    assert errors.Refused('Stability said: no.').message('fa') == 'Stability said: no.'


def test_every_error_raised_names_a_known_code() -> None:
    """Every ``SomeRoutixError(...)`` in routix/ (multi-line calls too) passes a known code and that code's params."""
    problems = []
    legacy_seen = set()
    for site in _error_calls():
        if site.call in LEGACY_CALLS:
            legacy_seen.add(site.call)
            continue
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
    stale = LEGACY_CALLS - legacy_seen
    assert not stale, f'converted call sites: remove them from LEGACY_CALLS: {sorted(stale)}'


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


def test_legacy_sentences_still_have_persian_until_phase_2() -> None:
    """What the old sentence scan checked, for the sentences not yet converted to codes."""
    for call in sorted(LEGACY_CALLS):
        found = re.fullmatch(r"\w+\(f?'(.+)'\)", call)
        if not found:
            continue  # names and expressions
        sentence = found.group(1).replace('{}', '7')
        persian = localize(sentence, 'fa')
        assert persian != sentence and re.search('[\u0600-\u06ff]', persian), f'no Persian for: {sentence}'


def test_compound_messages_are_translated_sentence_by_sentence() -> None:
    stored = 'Interrupted by a server restart. Your 3 credits were refunded.'
    assert localize(stored, 'fa') == 'به‌خاطر راه‌اندازی دوباره‌ی سرور متوقف شد. 3 اعتبار شما برگردانده شد.'
    notice = (
        'The image provider is busy right now. Please try again in a minute. Finished with the basic renderer '
        'instead; your credits were refunded.'
    )
    assert not re.search('[A-Za-z]{3,}', localize(notice, 'fa'))
    coded = f'{t("error.generation.interrupted", "fa")} {t("notice.refunded", "fa", n=3)}'
    assert coded == localize(stored, 'fa')  # the codes say what the sentence table said


def test_english_and_unknown_sentences_stay_as_they_are() -> None:
    assert localize('This needs 8 credits and you have 5.', 'en') == 'This needs 8 credits and you have 5.'
    assert localize('Stability said: try again.', 'fa') == 'Stability said: try again.'
    assert localize(None, 'fa') == ''
    assert len(FIXED) > 30 and len(PATTERNS) > 10


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
