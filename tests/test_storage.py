"""Image stores: the local disk store and the S3 store against a real S3-protocol server (moto server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer

from routix.core.config import Settings
from routix.core.errors import StorageError
from routix.storage import LocalStore, S3Store, new_key, owner_of

pytestmark = pytest.mark.usefixtures('nicegui_runtime')


@pytest.fixture(scope='module')
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address='127.0.0.1', port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f'http://{host}:{port}'
    server.stop()


@pytest.fixture
def s3_store(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> S3Store:
    for name, value in {
        'ROUTIX_STORAGE': 's3',
        'S3_BUCKET': 'routix-test',
        'S3_ENDPOINT_URL': s3_endpoint,
        'S3_ACCESS_KEY_ID': 'testing',
        'S3_SECRET_ACCESS_KEY': 'testing',
    }.items():
        monkeypatch.setenv(name, value)
    store = S3Store.from_settings(Settings(_env_file=None))  # type: ignore[call-arg]
    store.client.create_bucket(Bucket='routix-test')
    return store


def test_keys_are_unguessable_and_carry_their_owner() -> None:
    keys = {new_key(7, 'jpg') for _ in range(100)}
    assert len(keys) == 100
    assert all(owner_of(k) == 7 for k in keys)
    assert owner_of('u7/../../etc/passwd') is None
    assert owner_of('u7/abc.jpg') is None  # too short to be one of ours


async def test_local_store_round_trip_and_delete(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / 'images')
    key = new_key(1, 'png')
    await store.put(key, b'\x89PNG data')
    assert await store.get(key) == b'\x89PNG data'
    await store.delete(key)
    with pytest.raises(StorageError, match='missing'):
        await store.get(key)
    await store.delete(key)  # deleting twice is fine


@pytest.mark.parametrize(
    'key',
    [
        '../secret.jpg',
        'u1/../../x.jpg',
        '/etc/passwd',
        'u1/' + 'a' * 20 + '.exe',
        'u1/aaaaaaaaaaaaaaaaaaaa.jpg/../../b.jpg',
    ],
)
async def test_local_store_refuses_keys_that_are_not_ours(tmp_path: Path, key: str) -> None:
    store = LocalStore(tmp_path / 'images')
    with pytest.raises(StorageError, match='Invalid image key'):
        await store.put(key, b'x')
    with pytest.raises(StorageError):
        await store.get(key)


async def test_s3_store_round_trip_is_private(s3_store: S3Store) -> None:
    key = new_key(3, 'jpg')
    await s3_store.put(key, b'\xff\xd8 jpeg bytes')
    assert await s3_store.get(key) == b'\xff\xd8 jpeg bytes'
    head = s3_store.client.head_object(Bucket='routix-test', Key='routix/' + key)
    assert head['ContentType'] == 'image/jpeg'
    acl = s3_store.client.get_object_acl(Bucket='routix-test', Key='routix/' + key)
    assert not [g for g in acl['Grants'] if g['Grantee'].get('URI', '').endswith('AllUsers')]
    await s3_store.delete(key)
    with pytest.raises(StorageError, match='missing'):
        await s3_store.get(key)


async def test_s3_outage_is_a_storage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('S3_BUCKET', 'routix-test')
    monkeypatch.setenv('S3_ENDPOINT_URL', 'http://127.0.0.1:9')  # nothing listens on the discard port
    monkeypatch.setenv('S3_ACCESS_KEY_ID', 'testing')
    monkeypatch.setenv('S3_SECRET_ACCESS_KEY', 'testing')
    store = S3Store.from_settings(Settings(_env_file=None))  # type: ignore[call-arg]
    with pytest.raises(StorageError, match='could not be stored'):
        await store.put(new_key(1, 'jpg'), b'x')
